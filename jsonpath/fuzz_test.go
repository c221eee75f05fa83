package jsonpath

import "testing"

// FuzzParse checks that every pointer that parses prints back to the same text and
// that its tokens rebuild the same pointer.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "/", "/a~1b", "/m~0n", "/~01", "/foo/-", "a", "/~2", "/foo/bar~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, p.String())
		}
		q := New(p.Tokens()...)
		if q.String() != s {
			t.Fatalf("New(tokens of %q) = %q", s, q.String())
		}
		r, err := Parse(q.String())
		if err != nil || r.Len() != p.Len() {
			t.Fatalf("round trip of %q: %v, %d tokens", s, err, r.Len())
		}
	})
}
