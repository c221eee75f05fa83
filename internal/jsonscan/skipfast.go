package jsonscan

import (
	"encoding/binary"
	"math/bits"
)

// skipBufferedGo is skipValue's fast path in pure Go (see skipBuffered): it validates the value at buf[pos:] and
// returns the offset just past it, working on local copies of the position and
// the buffer. It gives up, returning -1, whenever it cannot settle the value
// within buf: the value runs past the end of buf, holds anything invalid, or nests
// more than room levels. The caller then scans the same value again the careful
// way, which refills the buffer and words the errors. kinds is scratch for the
// open containers, returned for reuse.
func skipBufferedGo(buf []byte, pos int, kinds []byte, room int) (int, []byte) {
	end, _, _, kinds := skipMembersGo(buf, pos, nil, kinds, room, nil)
	return end, kinds
}

// closedObject is the edge index skipMembers returns at the end of an object.
const closedObject = -2

// skipMembersGo is members' fast path in pure Go (see skipMembers): from pos, at the name of a member of an
// object at state st, it validates and skips the members whose names no path
// needs, working on local copies of the position and the buffer, as skipBuffered
// does for values (room and kinds are skipBuffered's). It returns:
//
//   - at a member a path needs: the offset of its value (past the colon and any
//     whitespace), the state of the value and the index of its key edge;
//   - at the end of the object: the offset of its closing '}', nil and
//     closedObject;
//   - at a member it cannot settle within buf (an escaped name, anything
//     invalid, the end of buf): the offset where that member's name is due (just
//     past the last comma it read, or pos), nil and -1. The careful path reads on
//     from there.
//
// With fl not nil (flat's object, at a flat state), it does not return at a
// member a path needs: it delivers the member's value, a scalar
// (flatRead.deliver), and goes on, so that it returns at the end of the
// object or where it cannot settle a member (a repeated name among them, or
// a value a path needs that is not a scalar).
//
// With st nil it is skipBufferedGo's loop. It is written as a state machine with
// gotos, whitespace is looked for only where the expected byte is not found, and
// what only the ends of objects and members need is kept in memory (x: a struct
// of more than four words, which the compiler does not split into registers),
// so that the position stays in a register across the calls of the uncommon
// paths. Whether it reads members (x.st not nil) is read from x.st itself: a
// flag beside it cost a store and a zeroing of x per call. (skipMembers calls
// it directly: a wrapper around the loop would not be inlined, one call more
// per member run.)
func skipMembersGo(buf []byte, pos int, st *state, kinds []byte, room int, fl *flatRead) (int, *state, int, []byte) {
	var x struct {
		st    *state
		kinds []byte
		room  int
		at    int       // what a failure returns: skipMembers' resume offset, or -1
		fl    *flatRead // what flat delivers the values a path needs with, or nil
	}
	x.st, x.kinds, x.room, x.at, x.fl = st, kinds, room, -1, fl
	// With the capacity cut to the length, the 8-byte loads below check one
	// bound, not two, and the capacity needs no register.
	buf = buf[:len(buf):len(buf)]
	var e, q int
	var c byte
	var esc bool
	if st == nil {
		goto value
	}
	x.at = pos
	if uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
		goto fail // no whitespace before the first name, as skipAVX2 has it
	}
	goto quoted

member: // a member name of the object at st, at pos or after whitespace
	if uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
		if pos = skipWS(buf, pos); uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
			goto fail
		}
	}
quoted: // the name's opening quote at pos
	// A plain string in place; stringEndGo from its first special byte.
	if e = plainRun(buf, pos+1); uint(e) < uint(len(buf)) && buf[e] == '"' {
		e++
	} else if e, esc = stringEndGo(buf, e); e < 0 || esc {
		goto fail
	}
	{
		// Only the names of a length some key has are looked up. (The tests
		// read st, the look-ups x.st: the counts were lowest that way.)
		var next *state
		i := -1
		if n := uint(e - pos - 2); n >= 64 || st.keyLens>>n&1 != 0 {
			if n <= 8 && len(buf)-pos > 8 && st.keyMap == nil {
				next, i = x.st.lookupShort(buf, pos+1, n)
			} else {
				next, i = x.st.lookup(buf[pos+1 : e-1])
			}
		}
		if pos = e; uint(pos) >= uint(len(buf)) || buf[pos] != ':' {
			if pos = skipWS(buf, pos); uint(pos) >= uint(len(buf)) || buf[pos] != ':' {
				goto fail
			}
		}
		pos++
		if next != nil {
			if pos = skipWS(buf, pos); pos >= len(buf) {
				goto fail
			}
			if x.fl == nil {
				return pos, next, i, x.kinds
			}
			if pos = x.fl.deliver(buf, pos, i); pos < 0 {
				goto fail
			}
			goto ended
		}
	}

value: // a value is next, at pos or after whitespace
	// Strings first: the commonest values. A plain one of up to 6 bytes ends
	// in the word at its opening quote. (Byte by byte, as names go, was
	// slower: values vary in length.)
	if pos >= 0 && pos+8 <= len(buf) {
		w := binary.LittleEndian.Uint64(buf[pos : pos+8])
		if c = byte(w); c == '"' {
			if m := special(w) &^ 0x80; m != 0 {
				k := bits.TrailingZeros64(m) & 56
				if pos += k >> 3; byte(w>>k) == '"' {
					pos++
					goto ended
				}
			} else if pos = plainRun(buf, pos+8); uint(pos) < uint(len(buf)) && buf[pos] == '"' {
				pos++
				goto ended
			}
			goto rest
		}
	} else {
		if uint(pos) >= uint(len(buf)) {
			goto fail
		}
		if c = buf[pos]; c == '"' {
			if pos = plainRun(buf, pos+1); uint(pos) < uint(len(buf)) && buf[pos] == '"' {
				pos++
				goto ended
			}
			goto rest
		}
	}
	switch c {
	case '{', '[':
		if len(x.kinds) >= x.room {
			goto fail
		}
		if pos++; uint(pos) >= uint(len(buf)) {
			goto fail
		}
		// Whitespace or an empty container only when the next byte says so.
		if d := buf[pos]; d <= ' ' || d == c+2 {
			if pos = skipWS(buf, pos); pos >= len(buf) {
				goto fail
			}
			if buf[pos] == c+2 {
				pos++
				goto ended
			}
		}
		x.kinds = append(x.kinds, c)
		if c == '{' {
			goto name
		}
		goto value
	case 't':
		pos = literalEnd(buf, pos, "true")
	case 'f':
		pos = literalEnd(buf, pos, "false")
	case 'n':
		pos = literalEnd(buf, pos, "null")
	case ' ', '\t', '\n', '\r':
		pos = skipWS(buf, pos)
		goto value
	default:
		// Numbers not starting with 0 in place; numberEnd the others.
		if q = pos; c == '-' {
			q++
		}
		if uint(q) < uint(len(buf)) && buf[q]-'1' < 9 {
			// The digits after the first, 8 at a time as digitsEnd8 has
			// them; the fraction too when the word that ends them holds it
			// whole (a '.', 0x1e in t, does not carry: the flags after it
			// are exact).
			if q++; q+8 <= len(buf) {
				t := binary.LittleEndian.Uint64(buf[q:q+8]) ^ 0x30*lsb
				if m := ((t + 0x76*lsb) | t) & msb; m != 0 {
					k := bits.TrailingZeros64(m)
					if f := m & (m - 1); byte(t>>(k&56)) == '.'^'0' && f != 0 && bits.TrailingZeros64(f) != k+8 {
						q += bits.TrailingZeros64(f) >> 3
						goto exponent
					}
					q += k >> 3
				} else {
					q = digitsEnd8(buf, q+8)
				}
			} else {
				q = digitsEnd(buf, q)
			}
			if uint(q) < uint(len(buf)) && buf[q] == '.' {
				e = q + 1
				q = digitsEnd8(buf, e)
				if q == e {
					q = len(buf) // no digit after '.'
				}
			}
		exponent:
			if uint(q) < uint(len(buf)) && buf[q]|0x20 == 'e' {
				if q++; uint(q) < uint(len(buf)) && (buf[q] == '+' || buf[q] == '-') {
					q++
				}
				for e = q; uint(q) < uint(len(buf)) && buf[q]-'0' < 10; q++ {
				}
				if q == e {
					q = len(buf) // no digit in the exponent
				}
			}
			if q < len(buf) {
				pos = q
				goto ended
			}
		}
		pos = numberEnd(buf, pos)
	}
	if pos < 0 {
		goto fail
	}

ended: // a value ended just before pos
	if uint(pos) >= uint(len(buf)) {
		if len(x.kinds) == 0 && x.st == nil {
			return pos, nil, -1, x.kinds
		}
		goto fail
	}
	if c = buf[pos]; c <= ' ' {
		if len(x.kinds) == 0 && x.st == nil {
			return pos, nil, -1, x.kinds
		}
		if pos = skipWS(buf, pos); pos >= len(buf) {
			goto fail
		}
		c = buf[pos]
	}
	if len(x.kinds) == 0 {
		if x.st == nil {
			return pos, nil, -1, x.kinds
		}
		switch c {
		case '}':
			return pos, nil, closedObject, x.kinds
		case ',':
			pos++
			x.at = pos
			goto member
		}
		goto fail
	}
	if k := x.kinds[len(x.kinds)-1]; c == ',' {
		pos++
		if k == '{' {
			goto name
		}
		goto value
	} else if c != k+2 {
		goto fail
	}
	pos++
	x.kinds = x.kinds[:len(x.kinds)-1]
	goto ended

name: // a member name of a nested object, at pos or after whitespace
	if uint(pos) >= uint(len(buf)) {
		goto fail
	}
	if buf[pos] != '"' {
		if pos = skipWS(buf, pos); uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
			goto fail
		}
	}
	// A plain name byte by byte, and the colon right after it. A payload's
	// objects repeat their names, so the loop's exits are predicted and the
	// processor runs ahead; a name's end computed from an 8-byte word (as
	// string values have it) waits for the load (BENCHMARKS.md, "Byte loops").
	for pos++; uint(pos) < uint(len(buf)) && plain[buf[pos]]; pos++ {
	}
	if pos+1 < len(buf) && buf[pos] == '"' && buf[pos+1] == ':' {
		pos += 2
		goto value
	}
	if uint(pos) < uint(len(buf)) && buf[pos] == '"' {
		pos++
	} else {
		pos, _ = stringEndGo(buf, pos)
	}
	if uint(pos) >= uint(len(buf)) {
		goto fail
	}
	if buf[pos] != ':' {
		if pos = skipWS(buf, pos); uint(pos) >= uint(len(buf)) || buf[pos] != ':' {
			goto fail
		}
	}
	pos++
	goto value

rest: // a string value goes on at pos, after its opening quote and not past its first special byte
	if pos, _ = stringEndTail(buf, pos, false); pos < 0 {
		goto fail
	}
	goto ended

fail:
	return x.at, nil, -1, x.kinds
}

// skipWS returns the offset of the first byte at or after pos that is not
// whitespace, or len(buf).
func skipWS(buf []byte, pos int) int {
	if pos < len(buf) && buf[pos] > ' ' {
		return pos // minified JSON: no whitespace
	}
	for pos < len(buf) {
		switch buf[pos] {
		case ' ', '\n', '\r', '\t':
			pos++
		default:
			return pos
		}
	}
	return pos
}

// numberEnd returns the offset just past the valid number at pos, or -1, also when
// the number reaches the end of buf (more digits may follow).
func numberEnd(buf []byte, pos int) int {
	if pos < len(buf) && buf[pos] == '-' {
		pos++
	}
	switch {
	case pos >= len(buf):
		return -1
	case buf[pos] == '0':
		pos++
	case buf[pos]-'1' < 9:
		pos = digitsEnd(buf, pos+1)
	default:
		return -1
	}
	if pos < len(buf) && buf[pos] == '.' {
		start := pos + 1
		if pos = digitsEnd(buf, start); pos == start {
			return -1
		}
	}
	if pos < len(buf) && buf[pos]|0x20 == 'e' {
		pos++
		if pos < len(buf) && (buf[pos] == '+' || buf[pos] == '-') {
			pos++
		}
		start := pos
		if pos = digitsEnd(buf, start); pos == start {
			return -1
		}
	}
	if pos >= len(buf) {
		return -1
	}
	return pos
}

// digitsEnd8 is digitsEnd eight bytes at a time.
func digitsEnd8(buf []byte, q int) int {
	for q >= 0 && q+8 <= len(buf) {
		t := binary.LittleEndian.Uint64(buf[q:q+8]) ^ 0x3030303030303030 // digits to 0-9
		// The top bit of a byte is set when it is not a digit (t >= 10). Only
		// a byte already flagged (t >= 0x8a) carries, into the bytes after it.
		if m := ((t + 0x7676767676767676) | t) & msb; m != 0 {
			return q + bits.TrailingZeros64(m)>>3
		}
		q += 8
	}
	return digitsEnd(buf, q)
}

// digitsEnd returns the offset of the first byte at or after pos that is not a
// decimal digit, or len(buf).
func digitsEnd(buf []byte, pos int) int {
	for pos < len(buf) && buf[pos]-'0' < 10 {
		pos++
	}
	return pos
}
