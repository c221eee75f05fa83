//go:build goexperiment.simd && amd64

package jsonscan

import (
	"math/bits"
	"simd/archsimd"
)

// The AVX2 fast paths read the buffer through windows: a window is the
// windowLen bytes from an offset base, and its stop mask has bit i set when
// byte base+i ends a plain run of string content, being a quote, a backslash, a
// control character or a non-ASCII byte. The skip loop settles a plain run by
// one bit scan and loads the next window where a string leaves the last one (a
// nested name or a string value that ends in the new window's first half is
// settled from that half's mask, known sooner: window); in string values it
// settles the common special bytes too (see text), all without a call. The
// others go on through stringEndW, which loads windows as the string goes on
// and checks escapes and non-ASCII characters in place. The base and mask live
// in the skip loop's locals; noBase is a base that covers no offset of a
// buffer.

// windowLen is the number of bytes a window indexes: two 32-byte AVX2 vectors.
const windowLen = 64

// noBase is the base of no window: no offset at or after 0 is within 64 bytes of
// it.
const noBase = -2 * windowLen

// The bytes stopMask computes with, broadcast once.
var (
	twoX32       = archsimd.BroadcastInt8x32(2)
	bangX32      = archsimd.BroadcastInt8x32('!')
	backslashX32 = archsimd.BroadcastInt8x32('\\')
)

// stopMask returns the stop mask of the window buf[p:p+windowLen], which must be
// within buf.
func stopMask(buf []byte, p int) uint64 {
	b := (*[windowLen]byte)(buf[p:])
	return uint64(halfMask((*[32]byte)(b[:32]))) | uint64(halfMask((*[32]byte)(b[32:])))<<32
}

// window is stopMask returning before the window's mask that of its first
// half, known sooner: a string that ends there is settled from it alone.
func window(buf []byte, p int) (uint32, uint64) {
	b := (*[windowLen]byte)(buf[p:])
	lo := halfMask((*[32]byte)(b[:32]))
	return lo, uint64(lo) | uint64(halfMask((*[32]byte)(b[32:])))<<32
}

// halfMask returns the stop mask of the 32 bytes at b.
func halfMask(b *[32]byte) uint32 {
	// With bit 1 flipped, the quote is ' ' and the control characters stay
	// below it; signed, every byte of 0x80 and above is below it too, and no
	// other byte is.
	v := archsimd.LoadUint8x32(b).AsInt8x32()
	return v.Xor(twoX32).Less(bangX32).Or(v.Equal(backslashX32)).ToBits()
}

// stringEndW is stringEndGo through windows, starting with (base, stop): it
// returns stringEndGo's answers and the last window it loaded. The last bytes of
// buf, too few for a window, are stringEndGo's.
func stringEndW(buf []byte, p, base int, stop uint64) (int, bool, int, uint64) {
	esc := false
	for {
		off := uint(p - base)
		if off >= windowLen {
			if len(buf)-p < windowLen {
				e, x := stringEndGo(buf, p)
				return e, esc || x, base, stop
			}
			base, stop, off = p, stopMask(buf, p), 0
		}
		m := stop >> (off & (windowLen - 1))
		if m == 0 {
			p = base + windowLen // plain to the window's end
			continue
		}
		e := p + bits.TrailingZeros64(m)
		switch c := buf[e]; {
		case c == '"':
			return e + 1, esc, base, stop
		case c == '\\':
			// The common escapes in place: one letter, or \u and four hex
			// digits that are not a surrogate; escapeLen the others.
			if b := buf[e:]; len(b) >= 6 && b[1] == 'u' {
				if h0, h1 := hexValue[b[2]], hexValue[b[3]]; h0|h1|hexValue[b[4]]|hexValue[b[5]] < 16 {
					if h0 != 0xd || h1 < 8 {
						esc, p = true, e+6
						continue
					}
					// A surrogate pair: a high surrogate, then \u and a low one.
					if h1 < 0xc && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' && hexValue[b[8]] == 0xd {
						if l1 := hexValue[b[9]]; l1-0xc < 4 && hexValue[b[10]]|hexValue[b[11]] < 16 {
							esc, p = true, e+12
							continue
						}
					}
				}
			} else if len(b) >= 2 && escapeLetter[b[1]] {
				esc, p = true, e+2
				continue
			}
			n, _ := escapeLen(buf[e:])
			if n == 0 {
				return -1, esc, base, stop
			}
			esc, p = true, e+n
		case c < 0x20:
			return -1, esc, base, stop
		case isRune2(buf[e:]):
			p = e + 2
		case c&0xf0 == 0xe0 && c != 0xe0 && c != 0xed && len(buf)-e > 2 && buf[e+1]&0xc0 == 0x80 && buf[e+2]&0xc0 == 0x80:
			p = e + 3 // three bytes whose second byte has the full range
		default:
			n := runeLen(buf[e:])
			if n == 0 {
				return -1, esc, base, stop
			}
			p = e + n
		}
	}
}

// stringEndAVX2 is stringEndGo with the plain runs found 64 bytes at a time. A
// string plain up to its closing quote within its first 32 bytes is settled
// from their mask alone, before the window's other half is read; the common
// special bytes are settled in its loop, as skipAVX2 settles them in string
// values, with the escape flag; stringEndW goes on from the first other one.
//
// Without AVX2 (useAVX2 false) it is stringEndGo.
func stringEndAVX2(buf []byte, pos int) (int, bool) {
	if !useAVX2 {
		return stringEndGo(buf, pos)
	}
	base, stop := noBase, uint64(0)
	if len(buf)-pos >= windowLen && pos >= 0 {
		var lo uint32
		if lo, stop = window(buf, pos); lo != 0 {
			if e := pos + bits.TrailingZeros32(lo); buf[e] == '"' {
				return e + 1, false
			}
		}
		base = pos
	}
	esc, e := false, pos
	for {
		if off := uint(e - base); off >= windowLen {
			if len(buf)-e < windowLen || e < 0 {
				break
			}
			base, stop = e, stopMask(buf, e)
			continue
		} else if m := stop >> (off & (windowLen - 1)); m == 0 {
			e = base + windowLen // plain to the window's end
			continue
		} else if e += bits.TrailingZeros64(m); uint(e) >= uint(len(buf)) {
			break
		}
		c := buf[e]
		if c == '"' {
			return e + 1, esc
		} else if c-0xc2 <= 0xdf-0xc2 {
			if e+1 < len(buf) && buf[e+1]&0xc0 == 0x80 {
				e += 2
				continue
			}
		} else if c&0xf0 == 0xe0 {
			if c != 0xe0 && c != 0xed && e+2 < len(buf) && buf[e+1]&0xc0 == 0x80 && buf[e+2]&0xc0 == 0x80 {
				e += 3
				continue
			}
		} else if c == '\\' && e+1 < len(buf) {
			if escapeLetter[buf[e+1]] {
				esc, e = true, e+2
				continue
			}
			if e+5 < len(buf) && buf[e+1] == 'u' {
				if h0, h1 := hexValue[buf[e+2]], hexValue[buf[e+3]]; h0|h1|hexValue[buf[e+4]]|hexValue[buf[e+5]] < 16 {
					if h0 != 0xd || h1 < 8 {
						esc, e = true, e+6
						continue
					}
					if h1 < 0xc && e+11 < len(buf) && buf[e+6] == '\\' && buf[e+7] == 'u' && hexValue[buf[e+8]] == 0xd {
						if l1 := hexValue[buf[e+9]]; l1-0xc < 4 && hexValue[buf[e+10]]|hexValue[buf[e+11]] < 16 {
							esc, e = true, e+12
							continue
						}
					}
				}
			}
		}
		break
	}
	end, x, _, _ := stringEndW(buf, e, base, stop)
	return end, esc || x
}

// skipAVX2 is skipBufferedGo (st nil) and skipMembersGo (st not nil) in one
// loop, giving their answers for every input, with the strings settled through
// windows. It is written as a state machine with gotos, whitespace is looked
// for only where the expected byte is not found, and what only the ends of
// objects and members need is kept in memory (x: a struct of more than four
// fields, which the compiler does not split into registers), so that the
// position and the window stay in registers across the calls of the uncommon
// paths.
//
// With fl not nil it reads flat's object as skipMembersGo does, delivering
// the values a path needs as it reads them.
//
// Without AVX2 (useAVX2 false) it is skipBufferedGo or skipMembersGo.
func skipAVX2(buf []byte, pos int, st *state, kinds []byte, room int, fl *flatRead) (int, *state, int, []byte) {
	if !useAVX2 {
		if st == nil {
			end, kinds := skipBufferedGo(buf, pos, kinds, room)
			return end, nil, -1, kinds
		}
		return skipMembersGo(buf, pos, st, kinds, room, fl)
	}
	var x struct {
		st    *state
		kinds []byte
		room  int
		at    int       // what a failure returns: skipMembers' resume offset, or -1
		fl    *flatRead // what flat delivers the values a path needs with, or nil
		top   bool
	}
	x.st, x.kinds, x.room, x.at, x.fl, x.top = st, kinds, room, -1, fl, st != nil
	base, stop := noBase, uint64(0)
	if len(buf)-pos >= windowLen && pos >= 0 {
		base, stop = pos, stopMask(buf, pos)
	}
	var e, q int
	var c byte
	var esc bool
	if !x.top {
		goto value
	}
	x.at = pos

member: // a member name of the object at st, at pos
	if uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
		goto fail
	}
	e = pos + 1
mname: // the name goes on at e, a character's start, plain up to e
	// The window settles the plain runs, and a new one is loaded where it
	// ends; stringEndW goes on from the first special byte that is not the
	// closing quote, and with the last bytes of buf.
	if off := uint(e - base); off >= windowLen {
		if len(buf)-e >= windowLen && e >= 0 {
			base, stop = e, stopMask(buf, e)
			goto mname
		}
	} else if m := stop >> (off & (windowLen - 1)); m == 0 {
		e = base + windowLen // plain to the window's end
		goto mname
	} else if e += bits.TrailingZeros64(m); uint(e) < uint(len(buf)) && buf[e] == '"' {
		e++
		goto named
	}
	if e, esc, base, stop = stringEndW(buf, e, base, stop); e < 0 || esc {
		goto fail
	}
named: // the name ended just before e
	{
		// Only the names of a length some key has are looked up.
		var next *state
		i := -1
		if n := uint(e - pos - 2); n >= 64 || x.st.keyLens>>n&1 != 0 {
			if n <= 8 && len(buf)-pos > 8 && x.st.keyMap == nil {
				next, i = x.st.lookupShort(buf, pos+1, n)
			} else {
				next, i = x.st.lookup(buf[pos+1 : e-1])
			}
		}
		// Whitespace is looked for only where the colon is not found, and
		// after it only when the member is wanted: value reads it otherwise.
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
	if uint(pos) >= uint(len(buf)) {
		goto fail
	}
	if c = buf[pos]; c == '"' { // the most common kind first
		e = pos + 1
		goto text
	}
	switch c {
	case '{', '[':
		if len(x.kinds) >= x.room {
			goto fail
		}
		if pos = skipWS(buf, pos+1); pos >= len(buf) {
			goto fail
		}
		if buf[pos] == c+2 { // empty
			pos++
			goto ended
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
		// Numbers not starting with 0 in place; numberEnd the others. The
		// integer part and the fraction go on with four digits tested one by
		// one, whose branches are predicted where the same fields come again
		// (an end computed from a loaded word is not), then eight at a time.
		if q = pos; c == '-' {
			q++
		}
		if uint(q) < uint(len(buf)) && buf[q]-'1' < 9 {
			switch q++; {
			case !digitAt(buf, q):
			case !digitAt(buf, q+1):
				q++
			case !digitAt(buf, q+2):
				q += 2
			case !digitAt(buf, q+3):
				q += 3
			default:
				q = digitsEnd8(buf, q+4)
			}
			if uint(q) < uint(len(buf)) && buf[q] == '.' {
				switch q, e = q+1, q+1; {
				case !digitAt(buf, q):
				case !digitAt(buf, q+1):
					q++
				case !digitAt(buf, q+2):
					q += 2
				case !digitAt(buf, q+3):
					q += 3
				default:
					q = digitsEnd8(buf, q+4)
				}
				if q == e {
					q = len(buf) // no digit after '.'
				}
			}
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
		if len(x.kinds) == 0 && !x.top {
			return pos, nil, -1, x.kinds
		}
		goto fail
	}
	if c = buf[pos]; c <= ' ' {
		if len(x.kinds) == 0 && !x.top {
			return pos, nil, -1, x.kinds
		}
		if pos = skipWS(buf, pos); pos >= len(buf) {
			goto fail
		}
		c = buf[pos]
	}
	if len(x.kinds) == 0 {
		if !x.top {
			return pos, nil, -1, x.kinds
		}
		switch c {
		case '}':
			return pos, nil, closedObject, x.kinds
		case ',':
			pos++
			x.at = pos
			if uint(pos) < uint(len(buf)) && buf[pos] != '"' {
				pos = skipWS(buf, pos)
			}
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
	e = pos + 1
nname: // the name goes on at e, as at mname
	if off := uint(e - base); off >= windowLen {
		if len(buf)-e >= windowLen && e >= 0 {
			var lo uint32
			if lo, stop = window(buf, e); lo != 0 {
				if base, e = e, e+bits.TrailingZeros32(lo); buf[e] == '"' {
					pos = e + 1
					goto colon
				}
				goto nname
			}
			base = e
			goto nname
		}
	} else if m := stop >> (off & (windowLen - 1)); m == 0 {
		e = base + windowLen
		goto nname
	} else if e += bits.TrailingZeros64(m); uint(e) < uint(len(buf)) && buf[e] == '"' {
		pos = e + 1
		goto colon
	}
	if pos, _, base, stop = stringEndW(buf, e, base, stop); pos < 0 {
		goto fail
	}
colon: // the name ended just before pos
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

text: // the content of a string value goes on at e, a character's start
	// The window settles the plain runs, and a new one is loaded where it
	// ends; the common special bytes are settled here, without a call: a
	// valid two- or three-byte character (the three-byte kinds whose second
	// byte has the full range), an escape of one letter, \u and four hex
	// digits that are not a surrogate, a surrogate pair. stringEndW goes on
	// from e with the others, and with the last bytes of buf. (A value's
	// escapes need no flag.)
	if off := uint(e - base); off >= windowLen {
		if len(buf)-e >= windowLen && e >= 0 {
			var lo uint32
			if lo, stop = window(buf, e); lo != 0 {
				if base, e = e, e+bits.TrailingZeros32(lo); buf[e] == '"' {
					pos = e + 1
					goto ended
				}
				goto text
			}
			base = e
			goto text
		}
	} else if m := stop >> (off & (windowLen - 1)); m == 0 {
		e = base + windowLen // plain to the window's end
		goto text
	} else if e += bits.TrailingZeros64(m); uint(e) < uint(len(buf)) {
		switch c = buf[e]; {
		case c == '"':
			pos = e + 1
			goto ended
		case c-0xc2 <= 0xdf-0xc2:
			if e+1 < len(buf) && buf[e+1]&0xc0 == 0x80 {
				e += 2
				goto text
			}
		case c&0xf0 == 0xe0:
			if c != 0xe0 && c != 0xed && e+2 < len(buf) && buf[e+1]&0xc0 == 0x80 && buf[e+2]&0xc0 == 0x80 {
				e += 3
				goto text
			}
		case c == '\\':
			if e+1 < len(buf) && escapeLetter[buf[e+1]] {
				e += 2
				goto text
			}
			if e+5 < len(buf) && buf[e+1] == 'u' {
				if h0, h1 := hexValue[buf[e+2]], hexValue[buf[e+3]]; h0|h1|hexValue[buf[e+4]]|hexValue[buf[e+5]] < 16 {
					if h0 != 0xd || h1 < 8 {
						e += 6
						goto text
					}
					// A surrogate pair: a high surrogate, then \u and a low one.
					if h1 < 0xc && e+11 < len(buf) && buf[e+6] == '\\' && buf[e+7] == 'u' && hexValue[buf[e+8]] == 0xd {
						if l1 := hexValue[buf[e+9]]; l1-0xc < 4 && hexValue[buf[e+10]]|hexValue[buf[e+11]] < 16 {
							e += 12
							goto text
						}
					}
				}
			}
		}
	}
	if pos, _, base, stop = stringEndW(buf, e, base, stop); pos < 0 {
		goto fail
	}
	goto ended

fail:
	return x.at, nil, -1, x.kinds
}

// digitAt reports whether q is within buf and buf[q] is a decimal digit.
func digitAt(buf []byte, q int) bool {
	return uint(q) < uint(len(buf)) && buf[q]-'0' < 10
}
