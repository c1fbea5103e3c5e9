package broken

// Fine compiles on its own.
func Fine() *int {
	x := 1
	return &x
}
