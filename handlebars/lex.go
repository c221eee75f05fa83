package handlebars

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The lexer follows the rules of Handlebars.js 4.7.8 (src/handlebars.l): text up
// to "{{" is content, "\{{" escapes a mustache and "\\{{" escapes the backslash;
// inside a mustache it produces identifiers, separators, data marks and
// literals until the closing "}}".

// segmentLiteral matches a [segment literal], in which \] does not close;
// segmentEscape then unescapes \\ and \]. Go's leftmost-first matching
// agrees with JavaScript's backtracking on these expressions.
var (
	segmentLiteral = regexp.MustCompile(`^\[(?:\\\]|[^\]])*\]`)
	segmentEscape  = regexp.MustCompile(`\\([\\\]])`)
)

type tokKind uint8

const (
	tContent          tokKind = iota
	tComment                  // a whole {{! … }} or {{!-- … --}}
	tOpen                     // {{ or {{&
	tOpenUnescaped            // {{{
	tOpenBlock                // {{#
	tOpenEnd                  // {{/
	tInverse                  // a whole {{else}} or {{^}}
	tOpenInverseChain         // {{else followed by a helper call
	tClose                    // }}
	tCloseUnescaped           // }}}
	tID
	tSep
	tData
	tString
	tNumber
	tBool
	tNull
	tUndefined
	tEOF
)

var tokNames = [...]string{
	tContent: "text", tComment: "comment", tOpen: "'{{'", tOpenUnescaped: "'{{{'",
	tOpenBlock: "'{{#'", tOpenEnd: "'{{/'", tInverse: "'{{else}}'",
	tOpenInverseChain: "'{{else'", tClose: "'}}'", tCloseUnescaped: "'}}}'",
	tID: "identifier", tSep: "separator", tData: "'@'", tString: "string",
	tNumber: "number", tBool: "boolean", tNull: "null", tUndefined: "undefined",
	tEOF: "end of template",
}

func (k tokKind) String() string { return tokNames[k] }

type token struct {
	kind tokKind
	pos  int
	// text is the token's value: content text, an identifier (without
	// brackets), a string literal's contents, a number's digits.
	text string
	// literal marks a [bracketed] identifier.
	literal bool
	// strip holds the ~ flags of open, close, comment and inverse tokens.
	strip stripFlags
}

type lexer struct {
	src  string
	pos  int
	toks []token
}

// lex splits src into tokens, ending with tEOF.
func lex(src string) ([]token, *ParseError) {
	l := &lexer{src: src}
	for l.pos < len(src) {
		if err := l.content(); err != nil {
			return nil, err
		}
	}
	l.toks = append(l.toks, token{kind: tEOF, pos: len(src)})
	return l.toks, nil
}

func (l *lexer) errorf(off int, sentinel error, format string, args ...any) *ParseError {
	return newParseError(l.src, off, sentinel, format, args...)
}

func (l *lexer) emit(kind tokKind, pos int, text string) {
	l.toks = append(l.toks, token{kind: kind, pos: pos, text: text})
}

// content lexes text up to the next mustache, then the mustache.
func (l *lexer) content() *ParseError {
	rest := l.src[l.pos:]
	i := strings.Index(rest, "{{")
	if i < 0 {
		l.emit(tContent, l.pos, rest)
		l.pos = len(l.src)
		return nil
	}
	text := rest[:i]
	switch {
	case strings.HasSuffix(text, `\\`):
		// "\\{{": one backslash is kept, the mustache is live.
		l.emit(tContent, l.pos, text[:len(text)-1])
	case strings.HasSuffix(text, `\`):
		// "\{{": the mustache is text, up to the next "{{", "\{{" or "\\{{".
		if len(text) > 1 {
			l.emit(tContent, l.pos, text[:len(text)-1])
		}
		start := l.pos + i
		j := start + 2
		for j < len(l.src) && !strings.HasPrefix(l.src[j:], "{{") &&
			!strings.HasPrefix(l.src[j:], `\{{`) && !strings.HasPrefix(l.src[j:], `\\{{`) {
			j++
		}
		l.emit(tContent, start, l.src[start:j])
		l.pos = j
		return nil
	case text != "":
		l.emit(tContent, l.pos, text)
	}
	l.pos += i
	return l.mustache()
}

// mustache lexes one tag starting at "{{".
func (l *lexer) mustache() *ParseError {
	start := l.pos
	src := l.src
	if strings.HasPrefix(src[start:], "{{{{") {
		return l.errorf(start, ErrUnsupported, "raw blocks ({{{{ … }}}}) are not supported")
	}
	q := start + 2
	var strip stripFlags
	if q < len(src) && src[q] == '~' {
		strip.open = true
		q++
	}
	kind := tOpen
	at := func(s string) bool { return strings.HasPrefix(src[q:], s) }
	switch {
	case at(">"):
		return l.errorf(start, ErrUnsupported, "partials ({{> … }}) are not supported")
	case at("#>"):
		return l.errorf(start, ErrUnsupported, "partial blocks ({{#> … }}) are not supported")
	case at("#*"):
		return l.errorf(start, ErrUnsupported, "decorator blocks and inline partials ({{#* … }}) are not supported")
	case at("*"):
		return l.errorf(start, ErrUnsupported, "decorators ({{* … }}) are not supported")
	case at("#"):
		kind, q = tOpenBlock, q+1
	case at("/"):
		kind, q = tOpenEnd, q+1
	case at("^"):
		if end, ok := l.closesAfterSpace(q + 1); ok {
			l.toks = append(l.toks, token{kind: tInverse, pos: start, strip: stripFlags{strip.open, src[end-3] == '~'}})
			l.pos = end
			return nil
		}
		return l.errorf(start, ErrUnsupported, "inverse sections ({{^name}}) are not supported; use {{#unless name}}")
	case at("{"):
		kind, q = tOpenUnescaped, q+1
	case at("&"):
		q++
	case at("!"):
		return l.comment(start, q)
	default:
		if p := skipSpace(src, q); strings.HasPrefix(src[p:], "else") && !isWordByteAt(src, p+4) {
			if end, ok := l.closesAfterSpace(p + 4); ok {
				l.toks = append(l.toks, token{kind: tInverse, pos: start, strip: stripFlags{strip.open, src[end-3] == '~'}})
				l.pos = end
				return nil
			}
			kind, q = tOpenInverseChain, p+4
		}
	}
	l.toks = append(l.toks, token{kind: kind, pos: start, strip: strip})
	l.pos = q
	return l.inside()
}

// closesAfterSpace reports whether src[p:] is spaces, an optional ~ and "}}",
// and returns the offset after it.
func (l *lexer) closesAfterSpace(p int) (int, bool) {
	p = skipSpace(l.src, p)
	if strings.HasPrefix(l.src[p:], "~") {
		p++
	}
	if strings.HasPrefix(l.src[p:], "}}") {
		return p + 2, true
	}
	return 0, false
}

// comment lexes {{! … }} or {{!-- … --}}; q is at the "!".
func (l *lexer) comment(start, q int) *ParseError {
	src := l.src
	var end int
	if strings.HasPrefix(src[q:], "!--") {
		// Handlebars scans from the "{{" for the first "--}}" or "--~}}".
		i := start
		for {
			k := strings.Index(src[i:], "--")
			if k < 0 {
				return l.errorf(start, ErrSyntax, "unterminated comment: missing --}}")
			}
			i += k
			if strings.HasPrefix(src[i:], "--}}") {
				end = i + 4
				break
			}
			if strings.HasPrefix(src[i:], "--~}}") {
				end = i + 5
				break
			}
			i++
		}
	} else {
		k := strings.Index(src[q:], "}}")
		if k < 0 {
			return l.errorf(start, ErrSyntax, "unterminated comment: missing }}")
		}
		end = q + k + 2
	}
	text := src[start:end]
	l.toks = append(l.toks, token{kind: tComment, pos: start, strip: stripFlags{text[2] == '~', text[len(text)-3] == '~'}})
	l.pos = end
	return nil
}

// inside lexes the tokens of a mustache up to and including its close.
func (l *lexer) inside() *ParseError {
	src := l.src
	for {
		p := skipSpace(src, l.pos)
		l.pos = p
		if p >= len(src) {
			return l.errorf(p, ErrSyntax, "unterminated mustache: missing }}")
		}
		rest := src[p:]
		c := rest[0]
		switch {
		case c == '(':
			return l.errorf(p, ErrUnsupported, "sub-expressions ( … ) are not supported")
		case strings.HasPrefix(rest, "}}}") || strings.HasPrefix(rest, "}~}}"):
			n := 3
			if rest[1] == '~' {
				n = 4
			}
			l.toks = append(l.toks, token{kind: tCloseUnescaped, pos: p, strip: stripFlags{close: n == 4}})
			l.pos = p + n
			return nil
		case strings.HasPrefix(rest, "}}") || strings.HasPrefix(rest, "~}}"):
			n := 2
			if c == '~' {
				n = 3
			}
			l.toks = append(l.toks, token{kind: tClose, pos: p, strip: stripFlags{close: n == 3}})
			l.pos = p + n
			return nil
		case c == '=':
			return l.errorf(p, ErrUnsupported, "hash arguments (name=value) are not supported")
		case strings.HasPrefix(rest, ".."):
			l.emit(tID, p, "..")
			l.pos = p + 2
		case c == '.' && len(rest) > 1 && isLookahead(rest[1:]):
			l.emit(tID, p, ".")
			l.pos = p + 1
		case c == '.' || c == '/':
			l.emit(tSep, p, rest[:1])
			l.pos = p + 1
		case c == '"' || c == '\'':
			if err := l.stringLit(c); err != nil {
				return err
			}
		case c == '@':
			l.emit(tData, p, "@")
			l.pos = p + 1
		case c == '[':
			m := segmentLiteral.FindString(rest)
			if m == "" {
				return l.errorf(p, ErrSyntax, "unterminated [segment literal]")
			}
			text := segmentEscape.ReplaceAllString(m, "$1")
			l.toks = append(l.toks, token{kind: tID, pos: p, text: text[1 : len(text)-1], literal: true})
			l.pos = p + len(m)
		case c == '|' || (strings.HasPrefix(rest, "as") && blockParamsAhead(rest[2:])):
			return l.errorf(p, ErrUnsupported, "block parameters (as |x|) are not supported")
		default:
			if kind, n := keywordOrNumber(rest); n > 0 {
				l.emit(kind, p, rest[:n])
				l.pos = p + n
				continue
			}
			n := idLen(rest)
			if n == 0 {
				r, _ := utf8.DecodeRuneInString(rest)
				return l.errorf(p, ErrSyntax, "unexpected %q in mustache", r)
			}
			if !isLookahead(rest[n:]) {
				r, _ := utf8.DecodeRuneInString(rest[n:])
				if n == len(rest) {
					return l.errorf(p+n, ErrSyntax, "unterminated mustache: missing }}")
				}
				return l.errorf(p+n, ErrSyntax, "unexpected %q after identifier %q", r, rest[:n])
			}
			l.emit(tID, p, rest[:n])
			l.pos = p + n
		}
	}
}

// stringLit lexes "…" or '…'; only \" (or \') is an escape. As in
// Handlebars.js, whose pattern is "(\\"|[^"])*" (and its '…' twin), a
// string that has no unescaped closing quote before the end of the template
// ends at its last \" instead, read as a backslash and the closing quote:
// {{#equal x "C:\"}} compares x with C:\.
func (l *lexer) stringLit(quote byte) *ParseError {
	src, p := l.src, l.pos
	var b strings.Builder
	lastEsc, lastLen := -1, 0 // offset of the last \" and b's length before it
	i := p + 1
	for {
		if i >= len(src) {
			if lastEsc < 0 {
				return l.errorf(p, ErrSyntax, "unterminated string literal")
			}
			s := b.String()[:lastLen] + `\`
			l.emit(tString, p, s)
			l.pos = lastEsc + 2
			return nil
		}
		c := src[i]
		if c == '\\' && i+1 < len(src) && src[i+1] == quote {
			lastEsc, lastLen = i, b.Len()
			b.WriteByte(quote)
			i += 2
			continue
		}
		if c == quote {
			break
		}
		b.WriteByte(c)
		i++
	}
	l.emit(tString, p, b.String())
	l.pos = i + 1
	return nil
}

// keywordOrNumber matches true, false, null, undefined or -?[0-9]+(\.[0-9]+)?
// when followed by a literal lookahead, [~}\s)].
func keywordOrNumber(s string) (tokKind, int) {
	for _, kw := range [...]struct {
		word string
		kind tokKind
	}{{"true", tBool}, {"false", tBool}, {"undefined", tUndefined}, {"null", tNull}} {
		if strings.HasPrefix(s, kw.word) && isLiteralLookahead(s[len(kw.word):]) {
			return kw.kind, len(kw.word)
		}
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	d := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == d {
		return 0, 0
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if isLiteralLookahead(s[i:]) {
		return tNumber, i
	}
	return 0, 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// blockParamsAhead reports whether s is \s+ followed by "|".
func blockParamsAhead(s string) bool {
	p := skipSpace(s, 0)
	return p > 0 && strings.HasPrefix(s[p:], "|")
}

// idLen returns the length of the identifier at the start of s: a run of
// characters other than JavaScript white space and !"#%&'()*+,./;<=>@[\]^`{|}~.
func idLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && strings.IndexByte("!\"#%&'()*+,./;<=>@[\\]^`{|}~", byte(r)) >= 0 || isJSSpace(r) {
			break
		}
		i += n
	}
	return i
}

// isLookahead reports whether s starts with one of [=~}\s\/.)|].
func isLookahead(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexByte("=~}/.)|", s[0]) >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isJSSpace(r)
}

// isLiteralLookahead reports whether s starts with one of [~}\s)].
func isLiteralLookahead(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexByte("~})", s[0]) >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isJSSpace(r)
}

// skipSpace returns the offset of the first non-space at or after p.
func skipSpace(s string, p int) int {
	for p < len(s) {
		r, n := utf8.DecodeRuneInString(s[p:])
		if !isJSSpace(r) {
			break
		}
		p += n
	}
	return p
}

// isJSSpace reports whether r matches JavaScript's \s.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}

// isWordByteAt reports whether s[i] is an ASCII word character, [A-Za-z0-9_].
func isWordByteAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
