// Package zz holds a generic function that is instantiated in package samebase.
package zz

// Sum folds xs with add, indexing so that the instantiation has bounds checks of its own.
func Sum[T any](xs []T, add func(T, T) T) T {
	var acc T
	for i := 0; i < len(xs); i++ {
		if i%2 == 0 && i+1 < len(xs) {
			acc = add(acc, add(xs[i], xs[i+1]))
			i++
			continue
		}
		acc = add(acc, xs[i])
	}
	for j := len(xs) - 1; j >= 0; j-- {
		acc = add(acc, xs[j])
	}
	return acc
}
