// Package basics holds the classic escape-analysis and inlining examples.
package basics

import "fmt"

// Double returns a slice twice as long; the new backing array escapes.
func Double(xs []int) []int {
	out := make([]int, 0, len(xs)*2)
	for _, x := range xs {
		out = append(out, x, x)
	}
	return out
}

// Logger writes through an interface, so its argument escapes.
type Logger interface {
	Log(msg string)
}

type stdoutLogger struct{ prefix string }

func (l stdoutLogger) Log(msg string) { fmt.Println(l.prefix + msg) }

// LogSum formats into a local buffer and hands it to the logger.
func LogSum(l Logger, xs []int) {
	var buf [64]byte
	s := fmt.Sprint(Sum(xs))
	n := copy(buf[:], s)
	l.Log(string(buf[:n]))
}

// Sum is small enough to inline.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Counter returns a closure over a variable that must move to the heap.
func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// NewPoint returns a pointer: the point is allocated on the heap.
func NewPoint(x, y int) *Point {
	p := Point{X: x, Y: y}
	return &p
}

// Point is a plain value type.
type Point struct{ X, Y int }

// Run ties the examples together.
func Run() int {
	var l Logger = stdoutLogger{prefix: "sum: "}
	LogSum(l, Double([]int{1, 2, 3}))
	c := Counter()
	c()
	p := NewPoint(1, 2)
	return p.X + c()
}
