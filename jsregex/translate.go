package jsregex

import (
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/segsync/segsync/internal/utf8pos"
)

const (
	// maxRepeat is RE2's largest repeat count.
	maxRepeat = 1000
	// maxDepth bounds group nesting: RE2 rejects deeper nesting anyway, and the
	// bound keeps the recursion shallow.
	maxDepth = 1000
	// infinity is V8's repeat count for "no upper bound": larger counts are
	// clamped to it.
	infinity = 1<<31 - 1
	// maxCaptures is V8's limit on capture groups: a larger decimal escape is
	// never a backreference.
	maxCaptures = 1 << 16
	// maxOutput bounds the translated pattern: a class or a dot grows about
	// thirty-fold, and RE2 would spend seconds and hundreds of megabytes on a
	// pattern of tens of megabytes.
	maxOutput = 4 << 20
)

// Translate turns the source of a JavaScript regular expression, as given to
// new RegExp(src) without flags, into an RE2 pattern for Go's regexp package
// that matches the same strings (see the package documentation for the
// translation and its few documented differences). It returns a
// [*SyntaxError] when JavaScript rejects src or when src uses a construct RE2
// cannot express. When Translate succeeds, [regexp.Compile] accepts the result.
func Translate(src string) (string, error) {
	if off := utf8pos.FirstInvalid(src); off >= 0 {
		return "", &SyntaxError{Offset: off, Msg: "the matcher is not valid UTF-8"}
	}
	t := &translator{src: src, pendingLow: -1}
	t.prescan()
	if _, err := t.disjunction(0); err != nil {
		return "", err
	}
	out := t.out.String()
	if _, err := syntax.Parse(out, syntax.Perl); err != nil {
		return "", t.limitError(out, err)
	}
	return out, nil
}

// translator is the state of one translation: a single recursive-descent pass
// over src that writes the RE2 pattern to out.
type translator struct {
	src   string
	pos   int // byte offset of the next source character
	out   strings.Builder
	marks []mark // where each term's output starts, to map RE2 errors back

	captures int             // capture groups in the whole pattern
	names    map[string]bool // group names in the whole pattern; nil when none
	defined  map[string]bool // group names defined so far

	// pendingLow is the low surrogate still to be read inside a class after
	// the high half of an astral character, or -1. JavaScript without the u
	// flag reads a class as UTF-16 code units.
	pendingLow rune
}

// mark ties an offset in the output to the source offset it came from.
type mark struct{ out, src int }

func (t *translator) errorf(off int, msg string) error {
	return &SyntaxError{Offset: off, Msg: msg}
}

func (t *translator) more() bool { return t.pos < len(t.src) }

func (t *translator) peek(i int) byte {
	if t.pos+i < len(t.src) {
		return t.src[t.pos+i]
	}
	return 0
}

// prescan counts the capture groups and collects the group names of the whole
// pattern, as V8 does before it decides whether \N is a backreference and
// whether \k starts a named reference.
func (t *translator) prescan() {
	s := t.src
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			for i++; i < len(s); i++ {
				if s[i] == '\\' {
					i++
				} else if s[i] == ']' {
					break
				}
			}
		case '(':
			if !strings.HasPrefix(s[i:], "(?") {
				t.captures++
				continue
			}
			if !strings.HasPrefix(s[i:], "(?<") || strings.HasPrefix(s[i:], "(?<=") || strings.HasPrefix(s[i:], "(?<!") {
				continue
			}
			t.captures++
			if t.names == nil {
				t.names = map[string]bool{}
			}
			if name, _, ok := groupName(s, i+3); ok {
				t.names[name] = true
			}
		}
	}
}

// The translating functions return the "need" of what they translated: the
// least budget for which RE2's nested-repeat check passes (regexp/syntax
// repeatIsValid: the product of nested {n,m} counts may not pass 1000), so
// that a pattern past it is reported at its quantifier.

// disjunction translates alternatives separated by | up to the end of the
// pattern or the ) that closes the enclosing group.
func (t *translator) disjunction(depth int) (need int, err error) {
	for {
		n, err := t.alternative(depth)
		if err != nil {
			return 0, err
		}
		need = max(need, n)
		if !t.more() || t.src[t.pos] != '|' {
			return need, nil
		}
		t.out.WriteByte('|')
		t.pos++
	}
}

func (t *translator) alternative(depth int) (need int, err error) {
	for t.more() {
		switch t.src[t.pos] {
		case '|':
			return need, nil
		case ')':
			if depth == 0 {
				return 0, t.errorf(t.pos, jsInvalid+"unmatched ')'")
			}
			return need, nil
		}
		if t.out.Len() > maxOutput {
			return 0, t.errorf(t.pos, "the matcher is too large: its RE2 translation passes 4 MiB")
		}
		n, err := t.term(depth)
		if err != nil {
			return 0, err
		}
		need = max(need, n)
	}
	return need, nil
}

// term translates one assertion, or one atom with its quantifier.
func (t *translator) term(depth int) (need int, err error) {
	t.marks = append(t.marks, mark{t.out.Len(), t.pos})
	switch c := t.src[t.pos]; c {
	case '^', '$':
		t.out.WriteByte(c)
		t.pos++
		return 0, t.assertionEnd()
	case '\\':
		if b := t.peek(1); b == 'b' || b == 'B' {
			t.out.WriteString(t.src[t.pos : t.pos+2])
			t.pos += 2
			return 0, t.assertionEnd()
		}
		err = t.atomEscape()
	case '(':
		need, err = t.group(depth)
	case '[':
		err = t.class()
	case '.':
		t.out.WriteString(dotRE2)
		t.pos++
	case '*', '+', '?':
		return 0, t.errorf(t.pos, msgNothingToRep)
	case '{':
		if _, _, n := t.interval(); n > 0 {
			return 0, t.errorf(t.pos, msgNothingToRep)
		}
		t.literal('{') // Annex B: a { that starts no quantifier is literal
		t.pos++
	default: // including ] and }, literal outside a class (Annex B)
		r, n := utf8.DecodeRuneInString(t.src[t.pos:])
		t.literal(r)
		t.pos += n
	}
	if err != nil {
		return 0, err
	}
	return t.quantifier(need)
}

// assertionEnd rejects a quantifier after ^, $, \b or \B, as JavaScript does
// (RE2 would accept it).
func (t *translator) assertionEnd() error {
	if !t.more() {
		return nil
	}
	switch t.src[t.pos] {
	case '*', '+', '?':
		return t.errorf(t.pos, msgAssertionRep)
	case '{':
		if _, _, n := t.interval(); n > 0 {
			return t.errorf(t.pos, msgAssertionRep)
		}
	}
	return nil
}

// quantifier translates the quantifier after an atom whose need is need, if
// there is one, and returns the need of the whole.
func (t *translator) quantifier(need int) (int, error) {
	if !t.more() {
		return need, nil
	}
	switch c := t.src[t.pos]; c {
	case '*', '+', '?':
		t.out.WriteByte(c)
		t.pos++
	case '{':
		lo, hi, n := t.interval()
		if n == 0 {
			return need, nil // a literal {, read as the next atom
		}
		if lo > hi {
			return 0, t.errorf(t.pos, jsInvalid+"numbers out of order in {} quantifier")
		}
		if lo > maxRepeat || hi != infinity && hi > maxRepeat {
			return 0, t.errorf(t.pos, "the repeat count "+t.src[t.pos:t.pos+n]+" is larger than 1000, the most RE2 allows")
		}
		m := hi
		if hi == infinity {
			m = lo
		}
		if m == 0 {
			need = 0
		} else {
			need = m * max(need, 1)
		}
		if (lo >= 2 || hi >= 2) && need > maxRepeat {
			return 0, t.errorf(t.pos, "nested repeat counts multiply past 1000, the most RE2 allows")
		}
		t.out.WriteByte('{')
		t.out.WriteString(strconv.Itoa(lo))
		switch {
		case hi == infinity:
			t.out.WriteByte(',')
		case hi != lo:
			t.out.WriteByte(',')
			t.out.WriteString(strconv.Itoa(hi))
		}
		t.out.WriteByte('}')
		t.pos += n
	default:
		return need, nil
	}
	if t.more() && t.src[t.pos] == '?' {
		t.out.WriteByte('?')
		t.pos++
	}
	return need, nil
}

// interval reads {n}, {n,} or {n,m} at t.pos, returning the bounds (counts past
// V8's infinity are clamped to it) and its length, or n == 0 when there is no
// interval quantifier there.
func (t *translator) interval() (lo, hi, n int) {
	s := t.src[t.pos:]
	i := 1
	lo, i, ok := decimal(s, i)
	if !ok {
		return 0, 0, 0
	}
	hi = lo
	if i < len(s) && s[i] == ',' {
		i++
		hi = infinity
		if i < len(s) && s[i] != '}' {
			if hi, i, ok = decimal(s, i); !ok {
				return 0, 0, 0
			}
		}
	}
	if i >= len(s) || s[i] != '}' {
		return 0, 0, 0
	}
	return lo, hi, i + 1
}

// decimal reads the digits at s[i:], clamping the value to infinity.
func decimal(s string, i int) (v, next int, ok bool) {
	start := i
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		v = min(v*10+int(s[i]-'0'), infinity)
	}
	return v, i, i > start
}

// group translates a parenthesized group, rejecting lookaround.
func (t *translator) group(depth int) (need int, err error) {
	start := t.pos
	if depth >= maxDepth {
		return 0, t.errorf(start, "groups nest more than 1000 deep, more than RE2 allows")
	}
	rest := t.src[start:]
	switch {
	case !strings.HasPrefix(rest, "(?"):
		t.out.WriteByte('(')
		t.pos++
	case strings.HasPrefix(rest, "(?:"):
		t.out.WriteString("(?:")
		t.pos += 3
	case strings.HasPrefix(rest, "(?="):
		return 0, t.errorf(start, "lookahead (?=...)"+msgLookaround)
	case strings.HasPrefix(rest, "(?!"):
		return 0, t.errorf(start, "negative lookahead (?!...)"+msgLookaround)
	case strings.HasPrefix(rest, "(?<="):
		return 0, t.errorf(start, "lookbehind (?<=...)"+msgLookaround)
	case strings.HasPrefix(rest, "(?<!"):
		return 0, t.errorf(start, "negative lookbehind (?<!...)"+msgLookaround)
	case strings.HasPrefix(rest, "(?<"):
		name, next, ok := groupName(t.src, start+3)
		if !ok {
			return 0, t.errorf(start+3, jsInvalid+"invalid capture group name")
		}
		if t.defined[name] {
			return 0, t.errorf(start+3, jsInvalid+"duplicate capture group name")
		}
		if t.defined == nil {
			t.defined = map[string]bool{}
		}
		t.defined[name] = true
		if re2Name(name) {
			t.out.WriteString("(?P<" + name + ">")
		} else {
			t.out.WriteByte('(') // RE2 names are ASCII words; the name is never used
		}
		t.pos = next
	default:
		return 0, t.errorf(start, jsInvalid+"invalid group: JavaScript has no inline flags such as (?i), and names groups (?<name>...), not (?P<name>...)")
	}
	if need, err = t.disjunction(depth + 1); err != nil {
		return 0, err
	}
	if !t.more() {
		return 0, t.errorf(start, jsInvalid+"unterminated group: this ( has no )")
	}
	t.out.WriteByte(')')
	t.pos++
	return need, nil
}

// groupName reads a group name at s[i:] up to and including its >, decoding
// \u escapes, and reports whether it is a valid JavaScript identifier.
func groupName(s string, i int) (name string, next int, ok bool) {
	var b strings.Builder
	for first := true; ; first = false {
		if i >= len(s) {
			return "", i, false
		}
		if s[i] == '>' {
			return b.String(), i + 1, !first
		}
		var r rune
		if s[i] == '\\' {
			var n int
			if r, n = unicodeEscape(s[i:]); n == 0 {
				return "", i, false
			}
			i += n
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		if !(r == '$' || r == '_' || unicode.In(r, idStart...) ||
			!first && (r == 0x200C || r == 0x200D || unicode.In(r, idContinue...))) {
			return "", i, false
		}
		b.WriteRune(r)
	}
}

// unicodeEscape decodes \uXXXX (joining a surrogate pair \uXXXX\uXXXX),
// or \u{X...}, at the start of s, as group names allow; n == 0 when there is none.
func unicodeEscape(s string) (r rune, n int) {
	if !strings.HasPrefix(s, `\u`) {
		return 0, 0
	}
	if strings.HasPrefix(s, `\u{`) {
		end := strings.IndexByte(s, '}')
		if end < 4 {
			return 0, 0
		}
		v, err := strconv.ParseUint(s[3:end], 16, 32)
		if err != nil || v > utf8.MaxRune {
			return 0, 0
		}
		return rune(v), end + 1
	}
	hi, ok := hex(s[2:], 4)
	if !ok {
		return 0, 0
	}
	if isHighSurrogate(hi) && strings.HasPrefix(s[6:], `\u`) {
		if lo, ok := hex(s[8:], 4); ok && isLowSurrogate(lo) {
			return utf16Pair(hi, lo), 12
		}
	}
	return hi, 6
}

var (
	idStart    = []*unicode.RangeTable{unicode.L, unicode.Nl, unicode.Other_ID_Start}
	idContinue = []*unicode.RangeTable{unicode.L, unicode.Nl, unicode.Other_ID_Start, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue}
)

// re2Name reports whether RE2 accepts name as a group name.
func re2Name(name string) bool {
	for _, r := range name {
		if r != '_' && !isASCIIAlnum(r) {
			return false
		}
	}
	return name != ""
}

// atomEscape translates an escape outside a class other than \b and \B.
func (t *translator) atomEscape() error {
	start := t.pos
	if start+1 >= len(t.src) {
		return t.errorf(start, jsInvalid+`\ at end of pattern`)
	}
	switch c := t.src[start+1]; c {
	case 'd', 'D', 'w', 'W': // ASCII in both engines
		t.out.WriteString(t.src[start : start+2])
		t.pos += 2
	case 's':
		t.out.WriteString(spaceRE2)
		t.pos += 2
	case 'S':
		t.out.WriteString(notSpaceRE2)
		t.pos += 2
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		end := start + 1
		n := 0
		for end < len(t.src) && '0' <= t.src[end] && t.src[end] <= '9' && n <= maxCaptures {
			n = n*10 + int(t.src[end]-'0')
			end++
		}
		if n <= t.captures {
			return t.errorf(start, "backreferences ("+t.src[start:end]+")"+msgBackref)
		}
		if c == '8' || c == '9' { // Annex B identity escape
			t.literal(rune(c))
			t.pos += 2
			return nil
		}
		t.octal()
	case '0':
		t.octal()
	case 'k':
		if t.names == nil { // Annex B: without named groups, \k is a k
			t.literal('k')
			t.pos += 2
			return nil
		}
		if t.peek(2) != '<' {
			return t.errorf(start, jsInvalid+`invalid named reference: \k must be followed by <name>`)
		}
		name, _, ok := groupName(t.src, start+3)
		if !ok {
			return t.errorf(start, jsInvalid+"invalid capture group name")
		}
		if !t.names[name] {
			return t.errorf(start, jsInvalid+"invalid named capture referenced: no group is named "+name)
		}
		return t.errorf(start, msgNamedBackref)
	case 'c':
		if l := t.peek(2); 'a' <= l|0x20 && l|0x20 <= 'z' {
			t.literal(rune(l & 0x1F))
			t.pos += 3
			return nil
		}
		// Annex B: the backslash is literal and the c is read next.
		t.literal('\\')
		t.pos++
	case 'u':
		u, ok := hex(t.src[start+2:], 4)
		if !ok {
			t.literal('u') // Annex B: \u{41} is u{41}
			t.pos += 2
			return nil
		}
		t.pos += 6
		switch {
		case isHighSurrogate(u) && strings.HasPrefix(t.src[t.pos:], `\u`):
			if lo, ok := hex(t.src[t.pos+2:], 4); ok && isLowSurrogate(lo) {
				t.literal(utf16Pair(u, lo))
				t.pos += 6
				return nil
			}
			t.out.WriteString(neverRE2)
		case isSurrogate(u):
			t.out.WriteString(neverRE2) // a lone surrogate never occurs in UTF-8
		default:
			t.literal(u)
		}
	default:
		r, n := t.characterEscape(start)
		t.literal(r)
		t.pos = start + n
	}
	return nil
}

// characterEscape decodes the escapes that mean the same inside and outside a
// class: \f \n \r \t \v, \xHH, \uXXXX and identity escapes. It returns the
// code unit or code point and the escape's length.
func (t *translator) characterEscape(start int) (rune, int) {
	c := t.src[start+1]
	switch c {
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'v':
		return '\v', 2
	case 'x':
		if v, ok := hex(t.src[start+2:], 2); ok {
			return v, 4
		}
		return 'x', 2 // Annex B: \x4 is x4
	case 'u':
		if v, ok := hex(t.src[start+2:], 4); ok {
			return v, 6
		}
		return 'u', 2
	}
	r, n := utf8.DecodeRuneInString(t.src[start+1:])
	return r, 1 + n // an identity escape: \z is z, \/ is /
}

// octal translates a legacy octal escape (Annex B), \0 to \377, at t.pos.
func (t *translator) octal() {
	v, n := octalValue(t.src[t.pos+1:])
	t.literal(v)
	t.pos += 1 + n
}

// octalValue reads up to three octal digits at the start of s, as V8 does: a
// third digit only while the value stays below 256.
func octalValue(s string) (rune, int) {
	isOctal := func(i int) bool { return i < len(s) && '0' <= s[i] && s[i] <= '7' }
	v := rune(s[0] - '0')
	n := 1
	if isOctal(1) {
		v = v*8 + rune(s[1]-'0')
		n = 2
		if v < 32 && isOctal(2) {
			v = v*8 + rune(s[2]-'0')
			n = 3
		}
	}
	return v, n
}

// hex reads exactly n hexadecimal digits at the start of s.
func hex(s string, n int) (rune, bool) {
	if len(s) < n {
		return 0, false
	}
	var v rune
	for i := range n {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v*16 + rune(c-'0')
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			v = v*16 + rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

func isSurrogate(r rune) bool     { return surrogateLo <= r && r <= surrogateHi }
func isHighSurrogate(r rune) bool { return surrogateLo <= r && r <= 0xDBFF }
func isLowSurrogate(r rune) bool  { return 0xDC00 <= r && r <= surrogateHi }

func utf16Pair(hi, lo rune) rune { return 0x10000 + (hi-surrogateLo)<<10 + (lo - 0xDC00) }

// literal writes r as an RE2 atom that matches exactly r.
func (t *translator) literal(r rune) {
	b := &t.out
	switch {
	case r == '_' || isASCIIAlnum(r):
		b.WriteRune(r)
	case r == ' ' || r > ' ' && r < utf8.RuneSelf-1:
		if r != ' ' {
			b.WriteByte('\\') // RE2 reads \ before ASCII punctuation as the literal
		}
		b.WriteRune(r)
	case r >= utf8.RuneSelf && unicode.IsPrint(r) && !unicode.Is(unicode.M, r):
		b.WriteRune(r)
	default:
		writeHex(b, r)
	}
}

// limitError reports an RE2 parse error of the translated pattern out: a
// pattern within JavaScript's grammar that is past one of RE2's limits (nested
// repeat counts, size, nesting depth).
func (t *translator) limitError(out string, err error) error {
	msg := "the matcher is past RE2's limits: " + err.Error()
	off := 0
	if se, ok := err.(*syntax.Error); ok {
		msg = "the matcher is past RE2's limits: " + string(se.Code)
		if i := strings.Index(out, se.Expr); i >= 0 {
			for _, m := range t.marks {
				if m.out > i {
					break
				}
				off = m.src
			}
		}
	}
	return t.errorf(off, msg)
}
