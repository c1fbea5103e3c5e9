package parse_test

import (
	"testing"

	parse "example.com/testsincluded"
)

func BenchmarkFields(b *testing.B) {
	keep := make([][]string, 0, 8)
	for i := 0; i < b.N; i++ {
		keep = append(keep[:0], parse.Fields("x y z"))
	}
	_ = keep
}
