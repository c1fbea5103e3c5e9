// Package regress is what the baseline tests record and then change.
package regress

// Clamp is inlinable.
func Clamp(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// Fill keeps its scratch buffer on the stack.
func Fill(xs []int) int {
	var scratch [16]int
	for i := range scratch {
		scratch[i] = Clamp(i, 0, 9)
	}
	total := 0
	for _, v := range scratch {
		total += v
	}
	return total + len(xs)
}

// Last reads the last element.
func Last(xs []int) int {
	return xs[len(xs)-1]
}
