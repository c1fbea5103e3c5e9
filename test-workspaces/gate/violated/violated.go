// Package violated has one assertion of every kind that the compiler does not uphold.
package violated

import "fmt"

var sink any

// Leak's buffer escapes: it is stored in a package variable.
func Leak(n int) {
	//optlens:noescape
	buf := make([]byte, n)
	sink = buf
}

// Moved's counter is moved to the heap: its address outlives the call.
func Moved() *int {
	count := 0 //optlens:stack count
	return &count
}

// Index keeps a bounds check: the slice's length is unknown.
func Index(xs []int, i int) int {
	return xs[i] //optlens:nobce
}

// Big is too costly to inline.
//
//optlens:inline
func Big(xs []int) int {
	s := 0
	for _, x := range xs {
		if x > 10 {
			s += x * 2
		} else if x > 5 {
			s -= x
		} else {
			fmt.Println(x)
		}
	}
	fmt.Println(s)
	return s
}

func CallsBig(xs []int) int {
	return Big(xs) + 1 //optlens:inline
}

// Escapes's parameter leaks: gcassert reads noescape on a function as "its parameters do not escape".
//
//gcassert:noescape
func Escapes(p *int) {
	sink = p
}

func Checked(xs []int, i int) int {
	return xs[i] + xs[i+1] //gcassert:bce
}

func Heap() *[4]int {
	v := [4]int{1, 2, 3, 4} //gcassert:noescape
	return &v
}

func NotInlined(xs []int) int {
	//gcassert:inline
	return Big(xs)
}

func Unknown() int {
	return 1 //optlens:fast
}
