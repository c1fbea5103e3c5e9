package broken

// Broken refers to a name that does not exist and returns the wrong type.
func Broken() int {
	return undefinedName + "text"
}
