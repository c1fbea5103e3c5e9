// Package vendored imports a module from its vendor directory.
package vendored

import "example.org/greet"

// Greet keeps the greeting behind a pointer: s moves to the heap.
func Greet(n string) *string {
	s := greet.Hello(n)
	return &s
}
