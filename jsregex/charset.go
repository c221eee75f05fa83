package jsregex

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A charset is a set of code points as sorted, disjoint, non-adjacent ranges
// that never include a surrogate (U+D800–U+DFFF): Go strings hold none.
type charset []rng

// rng is the inclusive range of code points lo..hi.
type rng struct{ lo, hi rune }

const (
	surrogateLo = 0xD800
	surrogateHi = 0xDFFF
)

// The JavaScript class escapes without the u flag: \d and \w are ASCII, \s is
// WhiteSpace and LineTerminator (ECMA-262 §22.2.2.9 CharacterClassEscape).
var (
	digitSet = charset{{'0', '9'}}
	wordSet  = charset{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}
	spaceSet = newCharset([]rng{
		{'\t', '\r'}, {' ', ' '}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
		{0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
	})
	// lineTerminators are what JavaScript's dot does not match.
	lineTerminators = newCharset([]rng{{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}})

	dotRE2      = lineTerminators.negatedRE2()
	spaceRE2    = spaceSet.re2()
	notSpaceRE2 = spaceSet.negatedRE2()
)

// newCharset sorts and merges rs and removes the surrogates.
func newCharset(rs []rng) charset {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b rng) int { return int(a.lo - b.lo) })
	var out charset
	add := func(r rng) {
		if r.lo > r.hi {
			return
		}
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			return
		}
		out = append(out, r)
	}
	for _, r := range rs {
		if r.lo <= surrogateHi && r.hi >= surrogateLo {
			add(rng{r.lo, surrogateLo - 1})
			add(rng{surrogateHi + 1, r.hi})
			continue
		}
		add(r)
	}
	return out
}

// complement returns every code point, surrogates aside, that s lacks.
func (s charset) complement() charset {
	var out []rng
	next := rune(0)
	for _, r := range s {
		out = append(out, rng{next, r.lo - 1})
		next = r.hi + 1
	}
	out = append(out, rng{next, utf8.MaxRune})
	return newCharset(out)
}

// re2 spells s as an RE2 character class. The empty set, which RE2 cannot
// write as [], becomes a class that matches nothing.
func (s charset) re2() string {
	if len(s) == 0 {
		return neverRE2
	}
	var b strings.Builder
	b.WriteByte('[')
	for _, r := range s {
		writeClassRune(&b, r.lo)
		if r.hi != r.lo {
			if r.hi > r.lo+1 {
				b.WriteByte('-')
			}
			writeClassRune(&b, r.hi)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// negatedRE2 spells the complement of s as an RE2 class, [^...]. It is
// shorter than s.complement().re2(), and the same but for surrogates, which
// Go strings never hold.
func (s charset) negatedRE2() string {
	if len(s) == 0 {
		return anyRE2
	}
	return "[^" + s.re2()[1:]
}

// anyRE2 matches any character: the translation of JavaScript's [^].
const anyRE2 = `[\x00-\x{10FFFF}]`

// neverRE2 matches no character: the translation of JavaScript's [] and of a
// lone surrogate.
const neverRE2 = `[^\x00-\x{10FFFF}]`

// writeClassRune writes r for use inside an RE2 class: ASCII letters and
// digits as themselves, other printable ASCII escaped with \, everything else
// as \x{...}.
func writeClassRune(b *strings.Builder, r rune) {
	switch {
	case isASCIIAlnum(r):
	case '!' <= r && r <= '~':
		b.WriteByte('\\') // RE2 reads \ before ASCII punctuation as the literal
	default:
		writeHex(b, r)
		return
	}
	b.WriteRune(r)
}

func writeHex(b *strings.Builder, r rune) {
	b.WriteString(`\x{`)
	b.WriteString(strconv.FormatInt(int64(r), 16))
	b.WriteByte('}')
}

func isASCIIAlnum(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}
