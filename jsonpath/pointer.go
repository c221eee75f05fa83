package jsonpath

import (
	"strings"
)

// Pointer is a parsed RFC 6901 JSON Pointer. The zero Pointer is the root pointer
// "", which names the whole document. A Pointer is an immutable value and is safe
// for concurrent use by multiple goroutines.
type Pointer struct {
	text   string   // canonical escaped text
	tokens []string // unescaped reference tokens
}

// Root is the pointer "" to the whole document.
var Root = Pointer{}

// Parse parses and validates a JSON Pointer: "" or a sequence of "/"-prefixed
// reference tokens, in which "~" appears only as "~0" or "~1". A bad pointer gives a
// *SyntaxError.
func Parse(s string) (Pointer, error) {
	if s == "" {
		return Root, nil
	}
	if s[0] != '/' {
		return Pointer{}, &SyntaxError{Pointer: s, Offset: 0, Msg: `a JSON pointer must be "" or start with "/"`}
	}
	n := strings.Count(s, "/")
	tokens := make([]string, 0, n)
	start := 1
	for i := 1; i <= len(s); i++ {
		if i < len(s) && s[i] == '~' {
			if i+1 >= len(s) || (s[i+1] != '0' && s[i+1] != '1') {
				return Pointer{}, &SyntaxError{Pointer: s, Offset: i, Msg: `"~" must be followed by "0" or "1"`}
			}
			i++
			continue
		}
		if i == len(s) || s[i] == '/' {
			tokens = append(tokens, unescape(s[start:i]))
			start = i + 1
		}
	}
	return Pointer{text: s, tokens: tokens}, nil
}

// MustParse is like Parse but panics if s is not a valid pointer. It is meant for
// pointers written in Go source, never for input.
func MustParse(s string) Pointer {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// New returns the pointer made of the given unescaped reference tokens.
func New(tokens ...string) Pointer {
	return Root.Append(tokens...)
}

// String returns the pointer's canonical text, with "~" and "/" in tokens escaped.
func (p Pointer) String() string { return p.text }

// Tokens returns the unescaped reference tokens. The caller must not modify the
// returned slice.
func (p Pointer) Tokens() []string { return p.tokens }

// Len returns the number of reference tokens.
func (p Pointer) Len() int { return len(p.tokens) }

// IsRoot reports whether p names the whole document.
func (p Pointer) IsRoot() bool { return len(p.tokens) == 0 }

// Append returns p extended by the given unescaped reference tokens. p is unchanged.
func (p Pointer) Append(tokens ...string) Pointer {
	if len(tokens) == 0 {
		return p
	}
	var b strings.Builder
	b.WriteString(p.text)
	all := make([]string, len(p.tokens), len(p.tokens)+len(tokens))
	copy(all, p.tokens)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
		all = append(all, t)
	}
	return Pointer{text: b.String(), tokens: all}
}

// Join returns p followed by the tokens of q: q evaluated relative to the value p
// names.
func (p Pointer) Join(q Pointer) Pointer { return p.Append(q.tokens...) }

// EscapeToken escapes one reference token for use in a pointer's text: "~" becomes
// "~0" and "/" becomes "~1".
func EscapeToken(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(token)
}

// unescape undoes EscapeToken on a validated token: "~1" to "/" first, then "~0" to
// "~", so that "~01" becomes "~1".
func unescape(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}

// ArrayIndex interprets a reference token as an index into an array of length n:
// "0" or a digit string without leading zeros, less than n. Any other token ("-",
// "01", "+1", "1.0", an empty token) is not an index.
func ArrayIndex(token string, n int) (int, bool) {
	if token == "" || len(token) > 1 && token[0] == '0' {
		return 0, false
	}
	i := 0
	for _, c := range []byte(token) {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
		if i >= n {
			return 0, false
		}
	}
	return i, true
}
