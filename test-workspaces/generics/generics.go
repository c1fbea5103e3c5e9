// Package generics exercises decisions inside generic code and its instantiations.
package generics

// Number is the constraint for Sum.
type Number interface {
	~int | ~int64 | ~float64
}

// Sum adds up a slice of any number type.
func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// Stack is a generic LIFO whose pointer methods keep their receiver on the stack.
type Stack[T any] struct {
	items []T
}

// Push appends an item.
func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v)
}

// Pop removes the last item.
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

// Boxed returns a pointer to a copy of v, which therefore lives on the heap.
func Boxed[T any](v T) *T {
	c := v
	return &c
}

// Use instantiates everything above.
func Use() (int, float64, *string) {
	s := &Stack[int]{}
	s.Push(1)
	s.Push(2)
	v, _ := s.Pop()
	return v + Sum([]int{1, 2, 3}), Sum([]float64{1.5}), Boxed("x")
}
