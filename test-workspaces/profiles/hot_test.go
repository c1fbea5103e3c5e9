package hot

import "testing"

var (
	sinkPoint  *Point
	sinkAny    any
	sinkInts   []int
	sinkBytes  []byte
	sinkString string
	prefix     = "optimization "
	suffix     = "decisions"
)

func BenchmarkWork(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkPoint = NewPoint(i, i)
		sinkAny = Label(i)
		sinkInts = Grow(10)
		sinkBytes = Buffer(4096)
		sinkString = Concat(prefix, suffix)
	}
}
