package jsonpath

import (
	"strings"
)

// Pointer is an RFC 6901 JSON Pointer in its canonical text: "" for the whole
// document, else "/"-prefixed reference tokens with "~" and "/" escaped as "~0" and
// "~1". Pointers are comparable with == and usable as map keys, and print as
// themselves. A Pointer from [Parse], [New] or [Pointer.Append] is valid; one
// converted from an arbitrary string may not be ([Pointer.IsValid] tells).
type Pointer string

// Root is the pointer "" to the whole document.
const Root Pointer = ""

// Parse parses and validates a JSON Pointer: "" or a sequence of "/"-prefixed
// reference tokens, in which "~" appears only as "~0" or "~1". A bad pointer gives a
// *SyntaxError.
func Parse(s string) (Pointer, error) {
	if s == "" {
		return Root, nil
	}
	if s[0] != '/' {
		return Root, &SyntaxError{Pointer: s, Offset: 0, Msg: `a JSON pointer must be "" or start with "/"`}
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '~' {
			if i+1 >= len(s) || (s[i+1] != '0' && s[i+1] != '1') {
				return Root, &SyntaxError{Pointer: s, Offset: i, Msg: `"~" must be followed by "0" or "1"`}
			}
			i++
		}
	}
	return Pointer(s), nil
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

// IsValid reports whether p is a valid pointer, as Parse would accept it.
func (p Pointer) IsValid() bool {
	_, err := Parse(string(p))
	return err == nil
}

// String returns the pointer's canonical text.
func (p Pointer) String() string { return string(p) }

// Tokens returns the unescaped reference tokens, in a new slice.
func (p Pointer) Tokens() []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(string(p[1:]), "/")
	for i, t := range parts {
		parts[i] = unescape(t)
	}
	return parts
}

// Len returns the number of reference tokens.
func (p Pointer) Len() int { return strings.Count(string(p), "/") }

// IsRoot reports whether p names the whole document.
func (p Pointer) IsRoot() bool { return p == "" }

// Append returns p extended by the given unescaped reference tokens.
func (p Pointer) Append(tokens ...string) Pointer {
	if len(tokens) == 0 {
		return p
	}
	var b strings.Builder
	b.WriteString(string(p))
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return Pointer(b.String())
}

// Join returns p followed by the tokens of q: q evaluated relative to the value p
// names.
func (p Pointer) Join(q Pointer) Pointer { return p + q }

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
