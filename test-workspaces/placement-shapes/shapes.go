// Package shapes holds the syntax shapes whose decisions the compiler reports at a single
// character (a conversion's quote, an elided literal's brace, a generic call's parenthesis):
// optlens must still underline the whole expression.
package shapes

import "fmt"

type pair struct{ a, b int }

type Box[T any] struct{ v T }

func (b *Box[T]) Get() T { return b.v }

var sink any

// Conversions the compiler prints as ([]byte)(x).
func Convert(s string, p *pair) []byte {
	b := []byte("hello")
	sink = []byte(s)
	sink = []rune(fmt.Sprint(p.a))
	return b
}

type holder struct{ f string }

func ConvertField(h *holder) {
	sink = []byte(h.f)
}

// Elements whose type is elided.
func Elided() [][]string {
	return [][]string{{"a"}, {"b", "c"}}
}

func ElidedPointers() []*pair {
	return []*pair{{1, 2}, {3, 4}}
}

// Address of a generic composite literal.
func GenericLiteral() any {
	return &Box[struct{ a, b int }]{}
}

// Generic calls.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func UseMap(xs []int) []string {
	return Map[int, string](xs, func(i int) string { return fmt.Sprint(i) })
}

// Inlined code with decisions of its own.
func u64(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

func Sum(b []byte) uint64 {
	return u64(b) + u64(b[4:])
}

type digest struct{ seed uint64 }

func newDigest(seed uint64) *digest {
	d := &digest{seed: seed}
	return d
}

func Digest() any {
	return newDigest(0)
}

// Deferred and spawned calls get wrappers.
func Deferred(m map[string]int) {
	defer fmt.Println(len(m))
	go fmt.Println(m)
}
