package jsonscan

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// special reports, in the top bit of each byte, the bytes of w (8 string bytes, little
// endian) that end a plain ASCII run: a quote, a backslash, a control character or a
// non-ASCII byte. Bytes above the first special one may be flagged falsely; the first
// one is exact. Quotes and control characters are found with one subtraction: x^2
// maps 0x00-0x1f onto themselves, the quote (0x22) to 0x20 and every other byte to
// 0x21 or above, so that exactly they borrow when 0x21 is subtracted.
func special(w uint64) uint64 {
	return (((w ^ 0x02*lsb) - 0x21*lsb) | ((w ^ '\\'*lsb) - lsb) | w) & msb
}

// plain holds 1 for the string bytes that need no attention.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainEnd returns the offset of the first byte at or after pos that is special
// in a string (a quote, a backslash, a control character or a non-ASCII byte), or
// len(buf). Plain ASCII goes 8 bytes at a time.
func plainEnd(buf []byte, pos int) int {
	for pos >= 0 && pos+8 <= len(buf) {
		if m := special(binary.LittleEndian.Uint64(buf[pos : pos+8])); m != 0 {
			return pos + bits.TrailingZeros64(m)>>3
		}
		pos += 8
	}
	for pos < len(buf) && plain[buf[pos]] {
		pos++
	}
	return pos
}

// plainRun is plainEnd for the fast paths, without its byte-by-byte end: when
// fewer than 8 bytes are left it returns the offset of the first of them, which
// may be plain; the caller, finding no quote there, goes on with stringEndGo.
func plainRun(buf []byte, pos int) int {
	for pos >= 0 && pos+8 <= len(buf) {
		if m := special(binary.LittleEndian.Uint64(buf[pos : pos+8])); m != 0 {
			return pos + bits.TrailingZeros64(m)>>3
		}
		pos += 8
	}
	return pos
}

// isRune2 reports whether b starts with a valid two-byte UTF-8 sequence, the most
// common kind, checked in place.
func isRune2(b []byte) bool {
	return len(b) > 1 && b[0]-0xc2 <= 0xdf-0xc2 && b[1]&0xc0 == 0x80
}

// runeLen returns the length of the valid UTF-8 sequence at the start of b (which
// starts with a non-ASCII byte), or 0 when it is invalid or cut short.
func runeLen(b []byte) int {
	if c := b[0]; c&0xf0 == 0xe0 && c != 0xe0 && c != 0xed && len(b) > 2 && b[1]&0xc0 == 0x80 && b[2]&0xc0 == 0x80 {
		// Three bytes whose second byte has the full range.
		return 3
	}
	if r, n := utf8.DecodeRune(b); r != utf8.RuneError || n > 1 {
		return n
	}
	return 0
}

// stringEndGo returns the offset just past the closing quote of the valid string
// whose content starts at pos, and whether the string holds escapes; or -1 when
// the string is invalid or does not end within buf.
//
// It reads 8 bytes at a time and settles the special bytes of a word (see
// special) from the word itself, without reading buf again: 2- and 3-byte UTF-8
// sequences, escapes of one letter and \u escapes that are not surrogates, when
// they lie whole in the word. What a word cannot settle (a sequence that runs
// past it) is read again from a word that starts with it. There a surrogate pair
// is read with one more word and a 4-byte sequence from the word; what is left
// (control characters, anything invalid) and the last bytes of buf, too few for
// a word, go through stringEndTail, the only call, made last so that nothing
// needs keeping across it.
func stringEndGo(buf []byte, pos int) (int, bool) {
	esc := false
	for {
		if pos < 0 || pos > len(buf)-8 {
			return stringEndTail(buf, pos, esc)
		}
		w := binary.LittleEndian.Uint64(buf[pos : pos+8])
		m := special(w)
		// The flags of the bytes settled so far are cleared from m. Only a
		// quote, a backslash or a control character borrows in special's
		// subtractions (the first ends the string, the last is invalid), so
		// the flags after an escape may be false ones: plain bytes, passed over.
		for m != 0 {
			k := uint(bits.TrailingZeros64(m)) // the flag of the byte: bit 7 of byte k>>3
			v := w >> ((k - 7) & 63)           // the byte, then those after it in the word (then zeros)
			n := uint(1)                       // the length of what the byte starts
			switch c := byte(v); {
			case c == '"':
				return pos + int(k>>3) + 1, esc
			case c == '\\':
				if escapeLetter[byte(v>>8)] {
					n = 2
				} else if v>>8&0xffffff == 'u'|'0'<<8|'0'<<16 && hexValue[byte(v>>32)]|hexValue[byte(v>>40)] < 16 {
					n = 6 // \u00XX, the commonest
				} else if h0, h1 := hexValue[byte(v>>16)], hexValue[byte(v>>24)]; byte(v>>8) == 'u' && h0|h1|hexValue[byte(v>>32)]|hexValue[byte(v>>40)] < 16 && (h0 != 0xd || h1 < 8) {
					n = 6
				} else {
					goto word
				}
				esc = true
			case v&0xc0e0 == 0x80c0 && v&0x1e != 0:
				n = 2 // C2-DF, then a continuation byte
			case v&0xc0c0f0 == 0x8080e0 && v&0x200f != 0 && v&0x200f != 0x200d:
				// E0-EF, then two continuation bytes; not E0 then 80-9F
				// (overlong), nor ED then A0-BF (a surrogate).
				n = 3
			case c-0x20 < 0x60:
				// A plain byte flagged after a borrow.
			default:
				goto word
			}
			m &^= 2<<((k+8*(n-1))&63) - 1
			continue
		word:
			// The byte at j starts what the word cannot settle: read again
			// from it, or, when it starts the word, settle it below.
			if j := int(k >> 3); j != 0 {
				pos += j
				goto next
			}
			break
		}
		if m == 0 {
			pos += 8
			continue
		}
		// The first byte of the word starts a control character, a 4-byte or
		// invalid sequence, a surrogate pair or an invalid escape.
		if c := byte(w); c == '\\' {
			// A surrogate pair in place: \uD800-\uDBFF then \uDC00-\uDFFF,
			// bytes 4-11 read as one more word.
			if pos <= len(buf)-12 {
				v := binary.LittleEndian.Uint64(buf[pos+4 : pos+12])
				if h0, h1, l0, l1 := hexValue[byte(w>>16)], hexValue[byte(w>>24)], hexValue[byte(v>>32)], hexValue[byte(v>>40)]; h0 == 0xd && h1-8 < 4 && l0 == 0xd && l1-0xc < 4 &&
					hexValue[byte(v)]|hexValue[byte(v>>8)]|hexValue[byte(v>>48)]|hexValue[byte(v>>56)] < 16 && byte(w>>8) == 'u' && v>>16&0xffff == 'u'<<8|'\\' {
					esc = true
					pos += 12
					continue
				}
			}
		} else if l, h := c&7, byte(w>>12)&3; w&0xc0c0c0f8 == 0x808080f0 && (l-1 < 3 || l == 0 && h != 0 || l == 4 && h == 0) {
			// F0-F4, then three continuation bytes; not F0 then 80-8F
			// (overlong), nor F4 then 90-BF (past U+10FFFF).
			pos += 4
			continue
		}
		// The rest (an invalid escape or sequence, a control character, a
		// surrogate pair cut by the end of buf) byte by byte.
		return stringEndTail(buf, pos, esc)
	next:
	}
}

// stringEndTail is stringEndGo byte by byte, with the escape flag so far: for
// the last bytes of buf, for what a word cannot settle, and for the rest of a
// string value after its first special byte (skipMembersGo's rest), where the
// byte loop's predicted branches beat positions computed from words
// (BENCHMARKS.md, "Byte loops").
func stringEndTail(buf []byte, pos int, esc bool) (int, bool) {
	for uint(pos) < uint(len(buf)) {
		c := buf[pos]
		if plain[c] {
			pos++
			continue
		}
		switch {
		case c == '"':
			return pos + 1, esc
		case c == '\\':
			// One letter, or \u and four hex digits that are not a surrogate,
			// in place; escapeLen the others.
			n := 2
			if pos+1 >= len(buf) || !escapeLetter[buf[pos+1]] {
				if b := buf[pos:]; len(b) >= 6 && b[1] == 'u' && hexValue[b[2]]|hexValue[b[3]]|hexValue[b[4]]|hexValue[b[5]] < 16 && (hexValue[b[2]] != 0xd || hexValue[b[3]] < 8) {
					n = 6
				} else if n, _ = escapeLen(b); n == 0 {
					return -1, esc
				}
			}
			esc = true
			pos += n
		case c-0xc2 <= 0xdf-0xc2:
			// C2-DF, then a continuation byte.
			if pos+1 >= len(buf) || buf[pos+1]&0xc0 != 0x80 {
				return -1, esc
			}
			pos += 2
		case c < 0x20:
			return -1, esc
		default:
			n := runeLen(buf[pos:])
			if n == 0 {
				return -1, esc
			}
			pos += n
		}
	}
	return -1, esc
}

// hexValue holds the value of each hexadecimal digit, and 0xff for the other
// bytes.
var hexValue = func() (t [256]byte) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = byte(c - '0')
		case 'a' <= c && c <= 'f':
			t[c] = byte(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			t[c] = byte(c - 'A' + 10)
		default:
			t[c] = 0xff
		}
	}
	return t
}()

// escapeLetter holds true for the letters of the escapes of one letter.
var escapeLetter = [256]bool{'"': true, '\\': true, '/': true, 'b': true, 'f': true, 'n': true, 'r': true, 't': true}

// scanString validates a string whose opening quote is just before s.pos and moves
// past its closing quote, reading more input as needed. It reports whether the
// string holds escapes.
func (s *scanner) scanString() (bool, error) {
	if useAVX2 && !s.careful {
		// The AVX2 build: a string buffered whole, valid, in one call.
		if end, esc := stringEnd(s.buf, s.pos); end >= 0 {
			s.pos = end
			return esc, nil
		}
	}
	buf, pos := s.buf, s.pos
	esc := false
	for {
		if pos = plainEnd(buf, pos); pos >= len(buf) {
			s.pos = pos
			if !s.fill() {
				return esc, s.eofErr()
			}
			buf, pos = s.buf, s.pos
			continue
		}
		switch c := buf[pos]; {
		case c == '"':
			s.pos = pos + 1
			return esc, nil
		case c == '\\':
			esc = true
			if len(buf)-pos < 12 {
				s.pos = pos
				s.ensure(12)
				buf, pos = s.buf, s.pos
			}
			n, msg := escapeLen(buf[pos:])
			if n == 0 {
				s.pos = pos
				return esc, s.syntax(msg)
			}
			pos += n
		case c < 0x20:
			s.pos = pos
			return esc, s.syntax("control character in a string")
		case isRune2(buf[pos:]):
			pos += 2
		default:
			if len(buf)-pos < utf8.UTFMax {
				s.pos = pos
				s.ensure(utf8.UTFMax)
				buf, pos = s.buf, s.pos
			}
			n := runeLen(buf[pos:])
			if n == 0 {
				s.pos = pos
				return esc, s.syntax("invalid UTF-8 in a string")
			}
			pos += n
		}
	}
}

// escapeLen validates the escape sequence at the start of b (which starts with a
// backslash) and returns its length, or 0 and the reason it is invalid. A \u escape
// of a high surrogate must be followed by one of a low surrogate; the pair is one
// 12-byte sequence. Lone surrogates are invalid, as jsontext has them.
func escapeLen(b []byte) (int, string) {
	if len(b) < 2 {
		return 0, "unexpected end of input in an escape"
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, ""
	case 'u':
	default:
		return 0, "invalid escape sequence"
	}
	r, ok := hex4(b[2:])
	if !ok {
		return 0, "invalid \\u escape"
	}
	switch {
	case r < 0xd800 || r > 0xdfff:
		return 6, ""
	case r >= 0xdc00:
		return 0, "lone low surrogate in a \\u escape"
	}
	if len(b) < 12 || b[6] != '\\' || b[7] != 'u' {
		return 0, "high surrogate not followed by a low surrogate"
	}
	r2, ok := hex4(b[8:])
	if !ok || r2 < 0xdc00 || r2 > 0xdfff {
		return 0, "high surrogate not followed by a low surrogate"
	}
	return 12, ""
}

// hex4 decodes the four hexadecimal digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	h0, h1, h2, h3 := hexValue[b[0]], hexValue[b[1]], hexValue[b[2]], hexValue[b[3]]
	return rune(h0)<<12 | rune(h1)<<8 | rune(h2)<<4 | rune(h3), h0|h1|h2|h3 < 16
}

// literal checks that the literal starting with c (true, false or null) is at s.pos
// and moves past it.
func (s *scanner) literal(c byte) error {
	lit := "null"
	switch c {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	}
	if end := literalEnd(s.buf, s.pos, lit); end >= 0 {
		s.pos = end
		return nil
	}
	return s.literalSlow(lit)
}

// literalEnd returns the offset just past lit at pos, or -1.
func literalEnd(buf []byte, pos int, lit string) int {
	if len(buf)-pos < len(lit) || string(buf[pos:pos+len(lit)]) != lit {
		return -1
	}
	return pos + len(lit)
}

// literalSlow checks that the literal lit is at s.pos, reading more input as needed,
// and moves past it.
func (s *scanner) literalSlow(lit string) error {
	if len(s.buf)-s.pos < len(lit) {
		s.ensure(len(lit))
	}
	b := s.buf[s.pos:]
	for i := 0; i < len(lit); i++ {
		if i >= len(b) {
			s.pos += i
			return s.eofErr()
		}
		if b[i] != lit[i] {
			s.pos += i
			return s.syntax("invalid literal, expected " + lit)
		}
	}
	s.pos += len(lit)
	return nil
}

// Number grammar states.
const (
	numStart = iota // before anything
	numMinus        // after '-'
	numZero         // after a leading 0 (accepting)
	numInt          // in integer digits (accepting)
	numDot          // after '.'
	numFrac         // in fraction digits (accepting)
	numE            // after 'e' or 'E'
	numESign        // after the exponent's sign
	numExp          // in exponent digits (accepting)
)

// scanNumber validates the number at s.pos and moves past it.
func (s *scanner) scanNumber() error {
	buf, pos := s.buf, s.pos
	st := numStart
	for {
		if pos >= len(buf) {
			s.pos = pos
			if !s.fill() {
				break
			}
			buf, pos = s.buf, s.pos
		}
		c := buf[pos]
		isDigit := c-'0' < 10
		switch st {
		case numStart:
			switch {
			case c == '-':
				st = numMinus
			case c == '0':
				st = numZero
			case isDigit:
				st = numInt
			default:
				s.pos = pos
				return s.found("expected a value")
			}
		case numMinus:
			switch {
			case c == '0':
				st = numZero
			case isDigit:
				st = numInt
			default:
				s.pos = pos
				return s.syntax("invalid number: digit expected after '-'")
			}
		case numZero, numInt:
			switch {
			case isDigit && st == numInt:
				for pos+1 < len(buf) && buf[pos+1]-'0' < 10 {
					pos++
				}
			case c == '.':
				st = numDot
			case c == 'e' || c == 'E':
				st = numE
			default:
				s.pos = pos
				return nil
			}
		case numDot:
			if !isDigit {
				s.pos = pos
				return s.syntax("invalid number: digit expected after '.'")
			}
			st = numFrac
		case numFrac:
			switch {
			case isDigit:
			case c == 'e' || c == 'E':
				st = numE
			default:
				s.pos = pos
				return nil
			}
		case numE:
			switch {
			case c == '+' || c == '-':
				st = numESign
			case isDigit:
				st = numExp
			default:
				s.pos = pos
				return s.syntax("invalid number: digit expected in the exponent")
			}
		case numESign:
			if !isDigit {
				s.pos = pos
				return s.syntax("invalid number: digit expected in the exponent")
			}
			st = numExp
		case numExp:
			if !isDigit {
				s.pos = pos
				return nil
			}
		}
		pos++
	}
	// The input ended.
	switch st {
	case numZero, numInt, numFrac, numExp:
		if s.err != nil {
			return s.err
		}
		return nil
	}
	return s.eofErr()
}
