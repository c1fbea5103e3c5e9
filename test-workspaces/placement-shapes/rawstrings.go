package shapes

// Raw strings holding // and ending in a backslash: tree-sitter-go 0.23 took the rest of the file
// for a broken string and comment, and moved the decisions below to other functions.
func Separators() []string {
	return []string{`/`, `//`, `\`, `/test.txt`}
}

func AfterRawStrings(n int) *int {
	x := n + 1
	return &x
}
