// Package utf8pos locates invalid UTF-8, for errors that point at it.
package utf8pos

import "unicode/utf8"

// FirstInvalid returns the byte offset of the first byte of s that does not
// start a valid UTF-8 sequence, or -1 when s is valid UTF-8.
func FirstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return -1
}
