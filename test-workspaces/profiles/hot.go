// Package hot allocates in the ways Go code usually does, a fixed number of times per benchmark
// iteration, so that its memory profile is the same on every run.
package hot

// Point is a small value the benchmark allocates.
type Point struct{ X, Y int }

// NewPoint returns a pointer: the Point is moved to the heap (in each copy inlined into a caller too).
func NewPoint(x, y int) *Point {
	return &Point{X: x, Y: y}
}

// Label converts an int to an interface: the value is boxed on the heap.
func Label(v int) any {
	return v + 1000
}

// Grow appends one at a time: the growth of the backing array is an allocation the compiler does not mark.
func Grow(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// Buffer makes a slice whose size is known only at run time; it is never inlined.
//
//go:noinline
func Buffer(n int) []byte {
	return make([]byte, n)
}

// Concat builds a string from two others.
func Concat(a, b string) string {
	return a + b
}
