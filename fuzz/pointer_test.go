package fuzz

import (
	"slices"
	"testing"

	"github.com/segsync/segsync/jsonpath"
)

// FuzzPointer checks that a pointer survives parse → format → parse, that any
// token survives escaping, and that a parsed pointer splits into the tokens the
// reference evaluator's own splitting finds.
func FuzzPointer(f *testing.F) {
	for _, p := range []string{"", "/", "//", "/a~1b", "/m~0n", "/~01", "/~10", "/foo/-", "a", "/~2", "/foo/bar~", "/batch/0/userId", "/caf\u00e9", "/\x00", "/\xff"} {
		f.Add(p, p)
	}
	f.Fuzz(func(t *testing.T, text, token string) {
		// Any token round-trips through escaping.
		q := jsonpath.New(token)
		if got := q.Tokens(); len(got) != 1 || got[0] != token {
			t.Fatalf("New(%q).Tokens() = %q", token, got)
		}
		r, err := jsonpath.Parse(q.String())
		if err != nil || !slices.Equal(r.Tokens(), []string{token}) {
			t.Fatalf("Parse(New(%q).String() = %q) = %q, %v", token, q.String(), r.Tokens(), err)
		}

		p, err := jsonpath.Parse(text)
		if err != nil {
			var se *jsonpath.SyntaxError
			if !asSyntaxError(err, &se) || se.Offset < 0 || se.Offset > len(text) || se.Pointer != text {
				t.Fatalf("Parse(%q) error %#v", text, err)
			}
			return
		}
		if p.String() != text {
			t.Fatalf("Parse(%q).String() = %q", text, p.String())
		}
		if got := jsonpath.New(p.Tokens()...).String(); got != text {
			t.Fatalf("New(tokens of %q) = %q", text, got)
		}
		again, err := jsonpath.Parse(p.String())
		if err != nil || !slices.Equal(again.Tokens(), p.Tokens()) {
			t.Fatalf("reparse of %q: %q, %v", text, again.Tokens(), err)
		}
		if want := refTokens(text); !slices.Equal(want, p.Tokens()) && !(len(want) == 0 && p.Len() == 0) {
			t.Fatalf("Parse(%q).Tokens() = %q, the reference splits %q", text, p.Tokens(), want)
		}
		if joined := q.Join(p); joined.Len() != 1+p.Len() {
			t.Fatalf("Join: %d tokens", joined.Len())
		}
	})
}

func asSyntaxError(err error, se **jsonpath.SyntaxError) bool {
	e, ok := err.(*jsonpath.SyntaxError)
	*se = e
	return ok
}
