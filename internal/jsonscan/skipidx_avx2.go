//go:build goexperiment.simd && amd64

package jsonscan

import (
	"math/bits"
	"simd/archsimd"
)

// The two-stage skip path of the AVX2 build. Stage 1 (window.index) indexes
// the buffer 64 bytes at a time, from the offset the skip starts at: bit masks
// of the quotes, backslashes, structural characters, whitespace, control and
// non-ASCII bytes, the escaped bytes (odd runs of backslashes, carried across
// windows), the bytes inside strings (a prefix XOR of the unescaped quotes,
// carried across windows), and from them one token mask. Stage 2 (skipIdx)
// walks the tokens by bit scans with the grammar's state machine.
//
// The tokens of a window are:
//
//   - the structural characters {}[]:, outside strings;
//   - the opening quotes of strings (not the closing ones: the token after a
//     string's last special byte lies after its closing quote);
//   - the first byte of every run of bytes outside strings that are neither
//     structural, whitespace nor quotes: the starts of numbers and literals,
//     and of anything invalid there;
//   - inside strings, the special bytes the walk must check: escaping
//     backslashes, the first byte of every run of non-ASCII bytes, control
//     characters.
//
// The masks are right for every byte up to the first place where the input
// stops being valid JSON, and stage 2 checks every token in order, failing at
// that place: no byte the walk accepts was classified wrongly. Scalars and the
// special bytes of strings are checked by reading buf itself (the scalar
// helpers, escapeLen, runeLen), which also answers for the bytes past a cut.

// The nibble tables that classify a byte by its low and high four bits: the
// AND of its two entries has bit 0 set for ',', bit 1 for ':', bit 2 for the
// brackets and braces, bit 3 for ' ' and bit 4 for '\t', '\n' and '\r'.
var (
	lowNibbles = archsimd.LoadUint8x32(&[32]uint8{
		0: 8, 9: 16, 0xa: 2 | 16, 0xb: 4, 0xc: 1, 0xd: 4 | 16,
		16: 8, 25: 16, 26: 2 | 16, 27: 4, 28: 1, 29: 4 | 16,
	})
	highNibbles = archsimd.LoadUint8x32(&[32]uint8{
		0: 16, 2: 1 | 8, 3: 2, 5: 4, 7: 4,
		16: 16, 18: 1 | 8, 19: 2, 21: 4, 23: 4,
	})
	nibbleX32     = archsimd.BroadcastUint8x32(0x0f)
	structuralX32 = archsimd.BroadcastUint8x32(1 | 2 | 4)
	spaceX32      = archsimd.BroadcastUint8x32(8 | 16)
	zeroX32       = archsimd.BroadcastInt8x32(0)
	quoteX32      = archsimd.BroadcastInt8x32('"')
	controlX32    = archsimd.BroadcastInt8x32(0x20)
)

// spaces is what the last bytes of buf, too few for a window, are padded with:
// whitespace adds no token.
var spaces = [windowLen]byte{
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
}

// evenBits has the bits of the even offsets of a window set.
const evenBits = 0x5555555555555555

// window is stage 1's state between windows: what carries from one window to
// the next, and the current window's in-string mask.
type window struct {
	strings uint64 // the current window's bytes inside strings (opening quotes included)
	inside  uint64 // all ones when the window before ended inside a string
	escaped uint64 // 1 when the window's first byte is escaped by the one before
	scalar  uint64 // 1 when the window before ended with a scalar's byte
	high    uint64 // 1 when the window before ended with a non-ASCII byte
}

// classes returns the masks of 32 bytes: quotes, backslashes, structural
// characters, whitespace, non-ASCII bytes, and bytes below 0x20 or above 0x7f.
func classes(v archsimd.Uint8x32) (quote, backslash, structural, space, high, low uint64) {
	lo := lowNibbles.PermuteOrZeroGrouped(v.And(nibbleX32).AsInt8x32())
	hi := highNibbles.PermuteOrZeroGrouped(v.AsUint16x16().ShiftAllRight(4).AsUint8x32().And(nibbleX32).AsInt8x32())
	class := lo.And(hi)
	s := v.AsInt8x32()
	quote = uint64(s.Equal(quoteX32).ToBits())
	backslash = uint64(s.Equal(backslashX32).ToBits())
	structural = uint64(class.And(structuralX32).AsInt8x32().Greater(zeroX32).ToBits())
	space = uint64(class.And(spaceX32).AsInt8x32().Greater(zeroX32).ToBits())
	high = uint64(s.Less(zeroX32).ToBits())
	low = uint64(s.Less(controlX32).ToBits())
	return
}

// escapes returns the escaping backslashes among the backslashes bs of a
// window (the first, third, ... of each run) and the escaped bytes (the byte
// after each), given whether the window's first byte is escaped (carry, 0 or 1).
func escapes(bs, carry uint64) (escaping, escaped uint64) {
	bs &^= carry // an escaped backslash escapes nothing
	starts := bs &^ (bs << 1)
	// Adding a run's first bit clears the run: the backslashes of the runs
	// that start at an even offset are those the sum clears.
	even := bs &^ (bs + starts&evenBits)
	escaping = even&evenBits | (bs&^even)&^evenBits
	return escaping, escaping<<1 | carry
}

// prefixXOR returns the mask whose bit i is the XOR of the bits 0 to i of m.
// It is the low half of the carry-less product of m and all ones.
func prefixXOR(m uint64) uint64 {
	return archsimd.BroadcastUint64x2(m).CarrylessMultiply(0, 0, onesX2).GetElem(0)
}

// onesX2 is two words of all ones.
var onesX2 = archsimd.BroadcastUint64x2(^uint64(0))

// index returns the token mask of the window at base (see the top of this
// file), going on from the window before with w's carries. The last bytes of
// buf, too few for a window, are indexed padded with spaces.
func (w *window) index(buf []byte, base int) uint64 {
	var lo, hi archsimd.Uint8x32
	if len(buf)-base >= windowLen {
		b := (*[windowLen]byte)(buf[base:])
		lo, hi = archsimd.LoadUint8x32((*[32]byte)(b[:32])), archsimd.LoadUint8x32((*[32]byte)(b[32:]))
	} else {
		pad := spaces
		copy(pad[:], buf[base:])
		lo, hi = archsimd.LoadUint8x32((*[32]byte)(pad[:32])), archsimd.LoadUint8x32((*[32]byte)(pad[32:]))
	}
	q, bs, st, ws, na, lw := classes(lo)
	q1, bs1, st1, ws1, na1, lw1 := classes(hi)
	q, bs, st, ws, na, lw = q|q1<<32, bs|bs1<<32, st|st1<<32, ws|ws1<<32, na|na1<<32, lw|lw1<<32

	escaping, escaped := escapes(bs, w.escaped)
	w.escaped = escaping >> 63
	q &^= escaped
	in := prefixXOR(q) ^ w.inside
	w.inside = uint64(int64(in) >> 63)
	w.strings = in
	scalar := ^in &^ (st | ws | q)
	starts := scalar &^ (scalar<<1 | w.scalar)
	w.scalar = scalar >> 63
	runs := na &^ (na<<1 | w.high)
	w.high = na >> 63
	special := (in &^ q) & (escaping | runs | lw&^na)
	return st&^in | q&in | starts | special
}

// stringStop marks the bytes a string's special-byte tokens can hold:
// backslashes, control characters and non-ASCII bytes.
var stringStop = func() (m [256]bool) {
	for c := range m {
		m[c] = c < 0x20 || c == '\\' || c >= 0x80
	}
	return m
}()

// isSpace reports whether c is JSON whitespace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// skipIdx is skipBufferedGo (st nil) and skipMembersGo (st not nil) in one
// loop over the tokens of stage 1, giving their answers for every input. Like
// skipAVX2 it is a state machine with gotos, and what only the ends of objects
// and members need is kept in memory (x). Each state takes the next token by a
// bit scan of the current window's mask (the fetch, written out in each), and
// indexes the next window when the mask is spent.
//
// Without AVX2 (useAVX2 false) it is skipBufferedGo or skipMembersGo.
func skipIdx(buf []byte, pos int, st *state, kinds []byte, room int) (int, *state, int, []byte) {
	if !useAVX2 {
		if st == nil {
			end, kinds := skipBufferedGo(buf, pos, kinds, room)
			return end, nil, -1, kinds
		}
		return skipMembersGo(buf, pos, st, kinds, room)
	}
	var x struct {
		st    *state
		kinds []byte
		room  int
		at    int  // what a failure returns: skipMembers' resume offset, or -1
		low   int  // the backslash of the low half of a surrogate pair checked with its high half
		name  byte // the kind of the string whose special byte is checked: 0 a value, 1 a nested name, 2 a member name at st
		top   bool
		w     window
	}
	x.st, x.kinds, x.room, x.at, x.low, x.top = st, kinds, room, -1, -1, st != nil
	var base, t, o, e, q int
	var tokens uint64
	var c, k byte
	if x.top {
		x.at = pos
	}
	if uint(pos) >= uint(len(buf)) {
		goto fail
	}
	if x.top {
		if buf[pos] != '"' {
			goto fail // no whitespace before the first name, as skipGo has it
		}
	} else if c = buf[pos]; c != '{' && c != '[' {
		// A value other than a container, or after whitespace: as skipGo.
		if c <= ' ' {
			if pos = skipWS(buf, pos); pos >= len(buf) {
				goto fail
			}
			if c = buf[pos]; c == '{' || c == '[' {
				goto index
			}
		}
		switch c {
		case '"':
			pos, _ = stringEndAVX2(buf, pos+1)
		case 't':
			pos = literalEnd(buf, pos, "true")
		case 'f':
			pos = literalEnd(buf, pos, "false")
		case 'n':
			pos = literalEnd(buf, pos, "null")
		default:
			pos = numberEnd(buf, pos)
		}
		return pos, nil, -1, x.kinds
	}
index:
	base, tokens = pos, x.w.index(buf, pos)
	t = base + bits.TrailingZeros64(tokens) // the value or the name at pos
	tokens &= tokens - 1
	c = buf[t]
	if x.top {
		goto member
	}
	goto valueAt

value: // a value's first token is next
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	c = buf[t]
valueAt: // a value starts with the token t, c
	if c == '"' {
		goto text
	}
	switch c {
	case '{', '[':
		if len(x.kinds) >= x.room {
			goto fail
		}
		k = c
		for tokens == 0 {
			if base += windowLen; base >= len(buf) {
				goto fail
			}
			tokens = x.w.index(buf, base)
		}
		t = base + bits.TrailingZeros64(tokens)
		tokens &= tokens - 1
		if c = buf[t]; c == k+2 {
			goto closed // empty
		}
		x.kinds = append(x.kinds, k)
		if k == '[' {
			goto valueAt
		}
		if c != '"' {
			goto fail
		}
		goto name
	case 't':
		e = literalEnd(buf, t, "true")
	case 'f':
		e = literalEnd(buf, t, "false")
	case 'n':
		e = literalEnd(buf, t, "null")
	default:
		// Numbers not starting with 0 in place; numberEnd the others.
		if q = t; c == '-' {
			q++
		}
		if uint(q) < uint(len(buf)) && buf[q]-'1' < 9 {
			q = digitsEnd8(buf, q+1)
			if uint(q) < uint(len(buf)) && buf[q] == '.' {
				e = q + 1
				q = digitsEnd8(buf, e)
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
			e = q
			goto scalar
		}
		e = numberEnd(buf, t)
	}
scalar: // a scalar ended just before e: the next token is at e or after whitespace
	if uint(e) >= uint(len(buf)) {
		goto fail
	}
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	c = buf[t]
	if t != e && !isSpace(buf[e]) {
		goto fail
	}

ended: // a value ended; the token t, c follows it
	if len(x.kinds) == 0 {
		// A member of the object at st ended (skipBuffered returns at the
		// end of its container).
		if c == '}' {
			return t, nil, closedObject, x.kinds
		}
		if c != ',' {
			goto fail
		}
		x.at = t + 1
		for tokens == 0 {
			if base += windowLen; base >= len(buf) {
				goto fail
			}
			tokens = x.w.index(buf, base)
		}
		t = base + bits.TrailingZeros64(tokens)
		tokens &= tokens - 1
		if c = buf[t]; c != '"' {
			goto fail
		}
		goto member
	}
	if k = x.kinds[len(x.kinds)-1]; c == ',' {
		for tokens == 0 {
			if base += windowLen; base >= len(buf) {
				goto fail
			}
			tokens = x.w.index(buf, base)
		}
		t = base + bits.TrailingZeros64(tokens)
		tokens &= tokens - 1
		c = buf[t]
		if k == '[' {
			goto valueAt
		}
		if c != '"' {
			goto fail
		}
		goto name
	}
	if c != k+2 {
		goto fail
	}
	x.kinds = x.kinds[:len(x.kinds)-1]
closed: // the token t closed a container
	if len(x.kinds) == 0 && !x.top {
		return t + 1, nil, -1, x.kinds
	}
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	c = buf[t]
	goto ended

text: // a string value goes on; its next token is one of its special bytes or follows it
	x.name = 0
textNext:
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	if c = buf[t]; stringStop[c] {
		goto special
	}
	goto ended

name: // a nested member name goes on, as a string value; a colon follows it
	x.name = 1
nameNext:
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	if c = buf[t]; stringStop[c] {
		goto special
	}
	if c != ':' {
		goto fail
	}
	goto value

member: // a member name of the object at st opens at the token t
	o, x.name = t, 2
memberNext:
	for tokens == 0 {
		if base += windowLen; base >= len(buf) {
			goto fail
		}
		tokens = x.w.index(buf, base)
	}
	t = base + bits.TrailingZeros64(tokens)
	tokens &= tokens - 1
	if c = buf[t]; stringStop[c] {
		goto special
	}
	if c != ':' {
		goto fail
	}
	// The name's closing quote is the last byte before the colon that is not
	// whitespace: any other byte there would be a token.
	for e = t; isSpace(buf[e-1]); e-- {
	}
	{
		// Only the names of a length some key has are looked up.
		var next *state
		i := -1
		if n := uint(e - o - 2); n >= 64 || x.st.keyLens>>n&1 != 0 {
			if n <= 8 && len(buf)-o > 8 && x.st.keyMap == nil {
				next, i = x.st.lookupShort(buf, o+1, n)
			} else {
				next, i = x.st.lookup(buf[o+1 : e-1])
			}
		}
		if next != nil {
			for tokens == 0 {
				if base += windowLen; base >= len(buf) {
					goto fail
				}
				tokens = x.w.index(buf, base)
			}
			return base + bits.TrailingZeros64(tokens), next, i, x.kinds
		}
	}
	goto value

special: // the token t, c after a string's start is a control, non-ASCII or backslash byte
	if c < 0x20 || x.w.strings>>uint(t-base)&1 == 0 {
		goto fail // a control character, or a byte that cannot follow a string
	}
	if c == '\\' {
		if t != x.low {
			if x.name == 2 {
				goto fail // an escaped member name: the careful path reads it
			}
			// escapeLen's escapes in place: one letter, \u and four hex
			// digits that are not a surrogate, a surrogate pair.
			if b := buf[t:]; len(b) < 2 || !escapeLetter[b[1]] {
				if len(b) < 6 || b[1] != 'u' {
					goto fail
				}
				h0, h1 := hexValue[b[2]], hexValue[b[3]]
				if h0|h1|hexValue[b[4]]|hexValue[b[5]] >= 16 {
					goto fail
				}
				if h0 == 0xd && h1 >= 8 {
					// A high surrogate, then \u and a low one.
					if h1 >= 0xc || len(b) < 12 || b[6] != '\\' || b[7] != 'u' || hexValue[b[8]] != 0xd ||
						hexValue[b[9]]-0xc >= 4 || hexValue[b[10]]|hexValue[b[11]] >= 16 {
						goto fail
					}
					x.low = t + 6 // the pair's second backslash is a token too
				}
			}
		}
	} else {
		// A run of non-ASCII bytes: whole valid characters up to an ASCII
		// byte.
		for e = t; e < len(buf) && buf[e] >= 0x80; {
			if isRune2(buf[e:]) {
				e += 2
			} else if n := runeLen(buf[e:]); n != 0 {
				e += n
			} else {
				goto fail
			}
		}
	}
	switch x.name {
	case 0:
		goto textNext
	case 1:
		goto nameNext
	}
	goto memberNext

fail:
	return x.at, nil, -1, x.kinds
}
