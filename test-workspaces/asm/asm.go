// Package asm has one of each kind of function whose assembly optlens shows. It imports nothing,
// so compiling it for another architecture needs only the runtime.
package asm

// Add is a plain function.
func Add(a, b int) int {
	return a + b
}

// Vec is a value type with a value-receiver method.
type Vec struct{ X, Y int }

// Dot has a value receiver.
func (v Vec) Dot(w Vec) int {
	return v.X*w.X + v.Y*w.Y
}

// Scale has a pointer receiver.
func (v *Vec) Scale(k int) {
	v.X *= k
	v.Y *= k
}

// Adder returns a closure.
func Adder(base int) func(int) int {
	return func(x int) int { return base + x }
}

// Max is generic; it is instantiated below for int and float64.
func Max[T int | float64](xs []T) T {
	var m T
	for i, x := range xs {
		if i == 0 || x > m {
			m = x
		}
	}
	return m
}

// Use instantiates Max and calls the rest.
func Use(xs []int, fs []float64) (int, float64) {
	v := Vec{1, 2}
	v.Scale(Add(2, 3))
	return Max(xs) + v.Dot(v) + Adder(1)(2), Max(fs)
}
