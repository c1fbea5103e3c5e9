// Package unicode puts multi-byte text before escaping expressions: the compiler counts bytes,
// the editor counts UTF-16 units, and every range below must still land on the right syntax.
package unicode

import "fmt"

// Größe names the size in German; the emoji in the string is two UTF-16 units, four bytes.
func Größe(größe int) string {
	return fmt.Sprint("📏 größe=", größe)
}

// 世界 returns a pointer to a local with a CJK name.
func 世界() *int { 值 := 42; return &值 }

// Mixed has a composite literal after non-ASCII text on the same line.
func Mixed() any { s := "ü→"; return struct{ S string }{S: s} }
