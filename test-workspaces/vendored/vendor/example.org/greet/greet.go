// Package greet is a vendored dependency: the go command resolves it from vendor/.
package greet

// Hello joins a greeting; it inlines into its callers.
func Hello(name string) string { return "hello " + name }
