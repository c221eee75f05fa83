package jsonscan

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// refStringEnd is stringEndGo's answer worked out byte by byte from RFC 8259 and
// the standard library's UTF-8 decoder, sharing no code with the scanner: the
// offset just past the closing quote of the valid string whose content starts at
// pos and whether it holds escapes, or -1.
func refStringEnd(b []byte, pos int) (int, bool) {
	esc := false
	for pos < len(b) {
		switch c := b[pos]; {
		case c == '"':
			return pos + 1, esc
		case c == '\\':
			esc = true
			if pos+1 >= len(b) {
				return -1, esc
			}
			if strings.IndexByte(`"\/bfnrt`, b[pos+1]) >= 0 {
				pos += 2
				continue
			}
			r, ok := refHex4(b, pos)
			switch {
			case !ok || utf16.IsSurrogate(r) && r >= 0xdc00:
				return -1, esc
			case !utf16.IsSurrogate(r):
				pos += 6
				continue
			}
			if low, ok := refHex4(b, pos+6); !ok || low < 0xdc00 || low > 0xdfff {
				return -1, esc
			}
			pos += 12
		case c < 0x20:
			return -1, esc
		case c < 0x80:
			pos++
		default:
			r, n := utf8.DecodeRune(b[pos:])
			if r == utf8.RuneError && n == 1 {
				return -1, esc
			}
			pos += n
		}
	}
	return -1, esc
}

// refHex4 decodes the \u escape at b[pos:].
func refHex4(b []byte, pos int) (rune, bool) {
	if pos+6 > len(b) || b[pos] != '\\' || b[pos+1] != 'u' {
		return 0, false
	}
	for _, c := range b[pos+2 : pos+6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(string(b[pos+2:pos+6]), 16, 16)
	return rune(v), err == nil
}

// stringFragments are what a string may hold beyond plain ASCII, valid and
// invalid: UTF-8 sequences of every length and their errors (overlong forms,
// surrogates, code points above U+10FFFF, stray and missing continuation bytes),
// and escapes of every kind and their errors (lone and reversed surrogates, short
// and bad hex digits).
var stringFragments = []string{
	"é", "ß", "\u07ff", "山", "\u0800", "\ud7ff", "\ue000", "\uffff", "😀", "\U00010000", "\U0010ffff",
	"\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0", "\xed\xa0\x80",
	"\xed\xbf\xbf", "\xe5\xb1", "\xe5\x41\x80", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
	"\xf5\x80\x80\x80", "\xf0\x9f\x98", "\U00040000", "\U000fffff", "\U00100000", "\xf1\x80\x80", "\xf0\x9f\x98\x41",
	"\xf0\x9f\xc0\x80", "\xf4\x8f\xbf\xc0", "\xf7\xbf\xbf\xbf", "\xf8\x80\x80\x80", "\x80", "\xbf", "\xff", "\xfe",
	`\n`, `\"`, `\\`, `\/`, `\b`, `\f`, `\r`, `\t`, `\u00e9`, `\u0000`, `\uD7FF`, `\uE000`, `\uffff`,
	`\ud83d\ude00`, `\uDBFF\uDFFF`, `\ud83d`, `\ude00`, `\ud83d\u0041`, `\ude00\ud83d`, `\ud83d\n`,
	`\u12`, `\u00G1`, `\x`, `\`, `\'`, `\U00e9`, "\x00", "\x1f", "\x7f", `"`,
}

// stringSeeds are string contents (after the opening quote) holding each fragment
// at every offset of two 8-byte words, after plain text, another fragment or
// nothing, then more text and the closing quote; and the same cut short at every
// length.
func stringSeeds() []string {
	var s []string
	for _, f := range stringFragments {
		for pad := range 16 {
			x := strings.Repeat("x", pad)
			s = append(s, x+f+`tail"`, x+f+`"`, x+f+"é"+f+`"`, x+"山"+f+`\n"`, x+`\"`+f+`#x"`)
		}
		for pad := range 9 {
			full := strings.Repeat("y", pad) + f + `ü"`
			for cut := range len(full) {
				s = append(s, full[:cut])
			}
		}
	}
	return s
}

// TestSpecial checks that special's first flag is exact for every pair of bytes at
// every two positions of a word of plain bytes: it flags the first quote,
// backslash, control character or non-ASCII byte, and no byte before it.
func TestSpecial(t *testing.T) {
	isSpecial := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }
	for i := range 8 {
		for j := i + 1; j < 8; j++ {
			for a := range 256 {
				for b := range 256 {
					var w [8]byte
					for k := range w {
						w[k] = 'a' + byte(k)
					}
					w[i], w[j] = byte(a), byte(b)
					want := 8
					for k, c := range w {
						if isSpecial(c) {
							want = k
							break
						}
					}
					got := bits.TrailingZeros64(special(binary.LittleEndian.Uint64(w[:]))) >> 3
					if got != want {
						t.Fatalf("special(%q): first flag at %d, want %d", w[:], got, want)
					}
				}
			}
		}
	}
}

// checkStringEnd requires stringEndGo and stringEndTail to answer as refStringEnd
// at every offset of data.
func checkStringEnd(t *testing.T, data []byte) {
	for pos := range len(data) + 1 {
		we, wesc := refStringEnd(data, pos)
		ge, gesc := stringEndGo(data, pos)
		if ge != we || ge >= 0 && gesc != wesc {
			t.Fatalf("stringEndGo(%q, %d) = (%d, %v), want (%d, %v)", data, pos, ge, gesc, we, wesc)
		}
		if te, tesc := stringEndTail(data, pos, false); te != we || te >= 0 && tesc != wesc {
			t.Fatalf("stringEndTail(%q, %d) = (%d, %v), want (%d, %v)", data, pos, te, tesc, we, wesc)
		}
	}
}

func TestStringEnd(t *testing.T) {
	for _, s := range append(stringSeeds(), blockSeeds()...) {
		checkStringEnd(t, []byte(s))
	}
}

// FuzzStringEnd checks stringEndGo, which settles what it can from 8-byte words,
// and stringEndTail, byte by byte, against refStringEnd at every offset of
// arbitrary input.
func FuzzStringEnd(f *testing.F) {
	for _, s := range stringSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStringEnd(t, data)
	})
}

// stringDocs are documents holding the fragments at every offset of an 8-byte
// word, in names and values the fast paths skip and in values a path captures,
// whole and cut short within the fragment, for FuzzFastVsCareful.
func stringDocs() []string {
	var s []string
	for _, f := range stringFragments {
		for pad := range 9 {
			x := strings.Repeat("x", pad)
			s = append(s,
				`{"environmentId":"`+x+f+`","batch":[{"userId":"`+x+f+`","n`+x+f+`":"`+f+x+`"}]}`,
				`{"action":"add","parameters":{"members":[{"k":["`+x+"山"+f+`"],"distinct_id":"`+x+`é`+f+`"}]}}`,
			)
			skipped := `{"batch":[{"a":"` + x
			for cut := 1; cut < len(f); cut++ {
				s = append(s, skipped+f[:cut])
			}
		}
	}
	return s
}
