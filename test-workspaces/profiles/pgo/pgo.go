// Package pgo has one function over the inlining budget, called from a loop: a CPU profile that
// makes that call hot lets the compiler inline it there (profile-guided optimization).
package pgo

// Mix is too costly to inline without a profile (its cost is well above the budget of 80 on every release).
func Mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	x ^= x >> 17
	x *= 0x9e3779b97f4a7c15
	x ^= x >> 29
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 31
	x *= 0x94d049bb133111eb
	x ^= x >> 30
	x ^= x << 7
	x ^= x >> 9
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	x ^= x >> 5
	x *= 0xd6e8feb86659fd93
	x ^= x >> 32
	x *= 0xd6e8feb86659fd93
	x ^= x >> 32
	x += 0x9e3779b97f4a7c15
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Sum calls Mix in its loop: the hot call site.
func Sum(n int) uint64 {
	var s uint64
	for i := 0; i < n; i++ {
		s += Mix(uint64(i))
	}
	return s
}

// Once calls Mix once: a cold call site, never inlined.
func Once() uint64 {
	return Mix(42)
}
