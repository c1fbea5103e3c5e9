// Package beta imports alpha from the other module of the workspace.
package beta

import "example.com/alpha"

// Swap builds a pair through alpha; MakePair is inlined here.
func Swap(a, b int) *alpha.Pair {
	return alpha.MakePair(b, a)
}
