package parser

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// compileMatcher compiles an arrayInclusion matcher written for JavaScript's
// RegExp into Go's RE2. It returns the byte offset and a message for a construct
// RE2 lacks or a syntax error.
func compileMatcher(src string) (*regexp.Regexp, int, string) {
	translated, off, msg := translateJS(src)
	if msg != "" {
		return nil, off, msg
	}
	re, err := regexp.Compile(translated)
	if err != nil {
		off = 0
		msg = err.Error()
		if se, ok := err.(*syntax.Error); ok {
			msg = string(se.Code) + ": `" + se.Expr + "`"
			if i := strings.Index(src, se.Expr); i >= 0 {
				off = i
			}
		}
		return nil, off, "the matcher is not a valid regular expression: " + msg
	}
	return re, 0, ""
}

// translateJS rewrites the few JavaScript escapes RE2 spells differently (\uXXXX,
// \/), and rejects lookaround and backreferences, which RE2 lacks, and a
// quantified assertion (^*, $+, \b?), which JavaScript rejects and RE2 accepts,
// naming the construct and its offset.
func translateJS(src string) (string, int, string) {
	var b strings.Builder
	inClass := false
	assertion := false // the previous token is ^, $, \b or \B
	for i := 0; i < len(src); i++ {
		c := src[i]
		if assertion && !inClass && isQuantifier(src[i:]) {
			return "", i, "nothing to repeat: an assertion (^, $, \\b, \\B) cannot take a quantifier"
		}
		assertion = !inClass && (c == '^' || c == '$' || c == '\\' && i+1 < len(src) && (src[i+1] == 'b' || src[i+1] == 'B'))
		switch {
		case c == '\\' && i+1 < len(src):
			n := src[i+1]
			switch {
			case n >= '1' && n <= '9' && !inClass:
				return "", i, "backreferences (" + src[i:i+2] + ") are not supported: matchers run on RE2, which has no backreferences"
			case n == 'k' && i+2 < len(src) && src[i+2] == '<':
				return "", i, `named backreferences (\k<name>) are not supported: matchers run on RE2, which has no backreferences`
			case n == 'u' && isHex4(src[i+2:min(i+6, len(src))]):
				b.WriteString(`\x{` + src[i+2:i+6] + `}`)
				i += 5
				continue
			case n == '/':
				b.WriteByte('/')
				i++
				continue
			}
			b.WriteByte(c)
			b.WriteByte(n)
			i++
			continue
		case c == '[' && !inClass:
			inClass = true
		case c == ']' && inClass:
			inClass = false
		case c == '(' && !inClass && strings.HasPrefix(src[i:], "(?"):
			for _, la := range []struct{ prefix, name string }{
				{"(?<=", "lookbehind (?<=...)"},
				{"(?<!", "negative lookbehind (?<!...)"},
				{"(?=", "lookahead (?=...)"},
				{"(?!", "negative lookahead (?!...)"},
			} {
				if strings.HasPrefix(src[i:], la.prefix) {
					return "", i, la.name + " is not supported: matchers run on RE2, which has no lookaround"
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String(), 0, ""
}

// isQuantifier reports whether s starts with a quantifier: *, +, ? or {n.
func isQuantifier(s string) bool {
	switch s[0] {
	case '*', '+', '?':
		return true
	case '{':
		return len(s) > 1 && '0' <= s[1] && s[1] <= '9'
	}
	return false
}

func isHex4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
