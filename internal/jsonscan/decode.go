package jsonscan

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
)

// decode decodes the content of a valid string holding escapes into s.scratch
// and returns it. The content is valid (stringEnd or scanString accepted it), so
// every backslash starts a whole escape and every high surrogate escape is
// followed by a low one. The text never grows (an escape of n bytes decodes to
// at most n-2), so s.scratch is sized to the content once and written by
// index: the plain bytes eight at a time, each eight stored whole before the
// first backslash among them is looked for, and \u digits through hex4.
func (s *scanner) decode(b []byte) []byte {
	out := s.scratch[:cap(s.scratch)]
	if len(out) < len(b) {
		out = make([]byte, len(b))
	}
	n := 0
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			// n <= i: out has room for the eight bytes.
			w := binary.LittleEndian.Uint64(b[i:])
			binary.LittleEndian.PutUint64(out[n:], w)
			x := w ^ 0x5c5c5c5c5c5c5c5c // a backslash is a zero byte of x
			if m := (x - 0x0101010101010101) &^ x & 0x8080808080808080; m != 0 {
				// The lowest flagged byte is the first backslash (a false
				// flag is only ever above a true one).
				k := bits.TrailingZeros64(m) / 8
				i, n = i+k, n+k
			} else {
				i, n = i+8, n+8
				continue
			}
		} else if c := b[i]; c != '\\' {
			out[n] = c
			i, n = i+1, n+1
			continue
		}
		// b[i] is a backslash.
		if c := b[i+1]; c != 'u' {
			out[n] = escapeByte[c]
			i, n = i+2, n+1
			continue
		}
		r, _ := hex4(b[i+2:])
		i += 6
		switch {
		case r < 0x80:
			out[n] = byte(r)
			n++
		case r < 0x800:
			o := out[n : n+2]
			o[0], o[1] = 0xc0|byte(r>>6), 0x80|byte(r)&0x3f
			n += 2
		case r < 0xd800 || r >= 0xe000:
			o := out[n : n+3]
			o[0], o[1], o[2] = 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f
			n += 3
		default:
			// A high surrogate; the low one follows as \uXXXX.
			r2, _ := hex4(b[i+2:])
			r = utf16.DecodeRune(r, r2)
			i += 6
			o := out[n : n+4]
			o[0], o[1], o[2], o[3] = 0xf0|byte(r>>18), 0x80|byte(r>>12)&0x3f, 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f
			n += 4
		}
	}
	s.scratch = out[:0]
	return out[:n]
}

// escapeByte holds the byte that each one-letter escape stands for.
var escapeByte = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
