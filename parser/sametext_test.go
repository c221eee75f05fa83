package parser

import (
	"bytes"
	"testing"
)

// TestSameText checks sameText against bytes.Equal for texts of every length
// up to 20 that are equal or differ in one byte, at every position.
func TestSameText(t *testing.T) {
	for n := range 21 {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte('a' + i)
		}
		if !sameText(a, bytes.Clone(a)) {
			t.Errorf("sameText(%q, itself) = false", a)
		}
		for i := range n {
			b := bytes.Clone(a)
			b[i] ^= 0x20
			if got, want := sameText(a, b), bytes.Equal(a, b); got != want {
				t.Errorf("sameText(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}
