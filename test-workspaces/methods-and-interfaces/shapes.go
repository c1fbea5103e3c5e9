// Package methods covers value and pointer receivers, interfaces and devirtualization.
package methods

import "math"

// Shape is implemented by Circle (value receiver) and *Rect (pointer receiver).
type Shape interface {
	Area() float64
}

// Circle has a value receiver.
type Circle struct{ R float64 }

// Area of the circle.
func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

// Rect has pointer receivers.
type Rect struct{ W, H float64 }

// Area of the rectangle.
func (r *Rect) Area() float64 { return r.W * r.H }

// Scale grows the rectangle in place.
func (r *Rect) Scale(f float64) { r.W *= f; r.H *= f }

// Total sums the areas through the interface: the call cannot be devirtualized.
func Total(shapes []Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

// Known calls through an interface whose dynamic type the compiler can see.
func Known() float64 {
	var s Shape = Circle{R: 2}
	return s.Area()
}

// Collect boxes values into interfaces: each conversion allocates.
func Collect() []Shape {
	r := &Rect{W: 1, H: 2}
	r.Scale(2)
	return []Shape{Circle{R: 1}, r}
}
