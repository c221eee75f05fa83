package parser

import (
	"bytes"
	"testing"
)

// TestTextWords checks that two texts of the same length of at most 16 bytes
// have the same textWords exactly when they are equal, for every length up to
// 20, equal or differing in one byte at every position; and the words of
// texts shorter than eight bytes.
func TestTextWords(t *testing.T) {
	for n := range 21 {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte('a' + i)
		}
		for i := -1; i < n; i++ {
			b := bytes.Clone(a)
			if i >= 0 {
				b[i] ^= 0x20
			}
			ha, ta := textWords(a)
			hb, tb := textWords(b)
			same := ha == hb && ta == tb
			switch eq := bytes.Equal(a, b); {
			case n <= 16 && same != eq:
				t.Errorf("%q and %q: same words %v, equal %v", a, b, same, eq)
			case eq && !same:
				t.Errorf("%q and itself: words differ", a)
			}
		}
	}
	if h, tl := textWords([]byte("ab")); h != 0x6261 || tl != h {
		t.Errorf(`textWords("ab") = %#x, %#x, want 0x6261 twice`, h, tl)
	}
}
