// Package allocs has heap decisions that cost differently at run time: the compiler says each
// "escapes to heap", and its assembly shows which really allocate.
package allocs

import (
	"context"
	"fmt"
)

type empty struct{}

type point struct{ x, y int }

// Zero returns a zero-size value through an interface: the compiler uses runtime.zerobase.
func Zero() any {
	return &empty{}
}

// Background is context.Background inlined: its zero-size backgroundCtx{} escapes, allocates nothing.
func Background() context.Context {
	return context.Background()
}

// Check panics with a constant: converting it to an interface points at read-only data.
func Check(xs []int) {
	for i := range xs {
		if xs[i] < 0 {
			panic("negative")
		}
	}
}

// Fail builds its panic value: that allocation happens only when it panics.
func Fail(n int) {
	if n < 0 {
		panic(fmt.Sprintf("bad %d", n))
	}
}

// New really allocates: the point outlives the call.
func New(x, y int) *point {
	return &point{x, y}
}
