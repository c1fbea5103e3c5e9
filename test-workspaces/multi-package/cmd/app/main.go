// Command app uses the store package.
package main

import (
	"fmt"

	"example.com/multi/store"
)

func main() {
	s := store.New()
	s.Put("a", 1)
	v, _ := s.Get("a")
	fmt.Println(v)
}
