// Package samebase reproduces the compiler's -json basename trap. The -json log writes one file
// per source base name. Instantiating zz.Sum compiles its body in this package with positions in
// zz/lib.go, which has the same base name as this file; its log is written after this one's
// (zz/lib.go sorts later) and overwrites it. The -m text is unaffected.
package samebase

import "example.com/samebase/zz"

// At reads an element: the bounds check is reported only in the -json log.
func At(xs []int, i int) int {
	return xs[i]
}

// Box moves its argument to the heap.
func Box(v int) *int {
	return &v
}

// Total instantiates the generic zz.Sum here.
func Total(xs []int) int {
	return zz.Sum(xs, func(a, b int) int { return a + b })
}
