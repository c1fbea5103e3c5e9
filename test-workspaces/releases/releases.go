// Package releases decides differently on different Go releases and architectures: what
// 'optlens diff' and "Compare decisions with…" are tested on.
package releases

import "math/bits"

// Sum's buffer has a size known only at run time: on the heap up to go1.24, on the stack from
// go1.25 (which keeps small variable-size make backing stores in the frame).
func Sum(n int) int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

// Apply's inline cost is 71 up to go1.24 and 31 from go1.25.
func Apply(xs []int, f func(int) int) {
	for i := range xs {
		xs[i] = f(xs[i])
	}
}

func neg(v int) int { return -v }

// Negate costs Apply's body plus its own: over the budget of 80 up to go1.24, under it from go1.25.
func Negate(xs []int) int {
	Apply(xs, neg)
	return xs[0] + xs[1]*2 + len(xs)
}

// Twice holds two closures (Twice.func1 and Twice.func2 to the compiler).
func Twice(xs []int) int {
	k := 3
	Apply(xs, func(v int) int { return v * k })
	g := func() int { return k + 1 }
	return g()
}

// Big's buffer is 80 KB on 64-bit targets, over the 64 KB an implicit stack variable may take
// (heap), and 40 KB on 386 (stack).
func Big() int {
	s := make([]int, 10000)
	s[5] = 1
	return s[5]
}

// Pop's calls are compiler intrinsics on amd64 and arm64 (cheap to inline), real calls on 386.
func Pop(x uint64) int {
	return bits.OnesCount64(x) + bits.TrailingZeros64(x) + bits.LeadingZeros64(x)
}

// Make returns a closure; a caller that inlines Make gets a copy of it.
func Make(k int) func(int) int {
	return func(v int) int { return v * k }
}

// Scale inlines Make and then the copy of its closure, which go1.22-go1.26 call Scale.Make.func1
// and go1.27 Make.func1: the same decision.
func Scale(x int) int {
	f := Make(3)
	return f(x)
}
