// Package alpha is used by beta through the workspace.
package alpha

// Pair holds two ints.
type Pair struct{ A, B int }

// MakePair returns a heap-allocated pair.
func MakePair(a, b int) *Pair { return &Pair{A: a, B: b} }
