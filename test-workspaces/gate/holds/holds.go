// Package holds has one assertion of every kind, each of which the compiler upholds.
package holds

// Scale is small enough to inline, and every call of it in the module is inlined.
//
//optlens:inline
func Scale(x int) int { return x*3 + 1 }

// Twice is inlined wherever it is called (gcassert's meaning of inline on a function).
//
//gcassert:inline
func Twice(x int) int { return Scale(Scale(x)) }

// Sum reads every element through range: no bounds check remains.
func Sum(xs []int) int {
	s := 0
	for i := range xs {
		s += Scale(xs[i]) //optlens:inline,nobce
	}
	return s
}

// Local keeps its buffer and its counter on the stack.
func Local(n int) int {
	//optlens:noescape
	buf := make([]byte, 64)
	count := 0 //optlens:stack count
	for i := range buf {
		buf[i] = byte(n + i) //gcassert:bce
		count += int(buf[i])
	}
	p := &count //gcassert:noescape
	return *p + Twice(n)
}

// Pair is returned by value: nothing escapes.
type Pair struct{ A, B int }

//gcassert:inline
func (p Pair) Total() int { return p.A + p.B }

func Use() int {
	p := Pair{1, 2}
	return p.Total() + Twice(3) //gcassert:inline
}

// Meter has a method named like the function Scale, too costly to inline: its calls are not calls
// of Scale, and Scale's //optlens:inline still holds.
type Meter struct{ readings []int }

func (m *Meter) Scale(k int) int {
	total := 0
	for i, r := range m.readings {
		switch {
		case r > 100:
			total += r * k
		case r > 10:
			total -= r / (k + 1)
		case i%2 == 0:
			total += i
		default:
			total ^= r << 2
		}
	}
	return total
}

func Measure(m *Meter) int {
	return m.Scale(2)
}
