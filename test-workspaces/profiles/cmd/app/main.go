// Command app is the binary that links package pgo: a default.pgo beside it is the profile its
// build uses for every package it imports.
package main

import (
	"fmt"

	"example.com/profiles/pgo"
)

func main() {
	fmt.Println(pgo.Sum(1000), pgo.Once())
}
