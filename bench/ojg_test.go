package bench

import (
	"fmt"
	"testing"

	"github.com/ohler55/ojg/oj"
)

// TestOJGClaims checks what BENCHMARKS.md says about ojg, the reason the library
// does not use it: oj.Parse decodes an escaped surrogate pair into two U+FFFD, and
// between them oj.Validate and oj.Parse accept an unclosed array, an unterminated
// member, a number without fraction digits, a byte order mark and invalid UTF-8.
// Each row records what each function does with the input today; segsync refuses
// all of them but the first, which it decodes to U+1F600.
func TestOJGClaims(t *testing.T) {
	for _, tc := range []struct {
		name           string
		in             string
		parseOK        bool
		parsed         any // when parseOK
		validateOK     bool
		segsyncRefuses bool
	}{
		{"surrogate pair", `"\ud83d\ude00"`, true, "\ufffd\ufffd", true, false},
		{"unclosed array", `[`, false, nil, true, true},
		{"unterminated member", `{"a":`, false, nil, true, true},
		{"number without fraction digits", `1.`, true, int64(1), false, true},
		{"byte order mark", "\ufeff{}", true, map[string]any{}, true, true},
		{"invalid UTF-8", "\"\xff\"", true, "\xff", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := oj.Parse([]byte(tc.in))
			if (err == nil) != tc.parseOK {
				t.Errorf("oj.Parse: %v, want ok %v", err, tc.parseOK)
			}
			if err == nil && tc.parseOK {
				if got, want := fmtAny(v), fmtAny(tc.parsed); got != want {
					t.Errorf("oj.Parse = %s, want %s", got, want)
				}
			}
			if err := oj.Validate([]byte(tc.in)); (err == nil) != tc.validateOK {
				t.Errorf("oj.Validate: %v, want ok %v", err, tc.validateOK)
			}
			// segsync reads a document as a payload: wrap scalars so that the
			// top level is an object, as every payload's is.
			doc := tc.in
			if tc.name == "surrogate pair" || tc.name == "invalid UTF-8" || tc.name == "number without fraction digits" {
				doc = `{"environmentId":` + tc.in + `}`
			}
			if refused := !segsyncValid(Rudderstack)([]byte(doc)); refused != tc.segsyncRefuses {
				t.Errorf("segsync refuses %q: %v, want %v", doc, refused, tc.segsyncRefuses)
			}
		})
	}
}

func fmtAny(v any) string { return fmt.Sprintf("%T %q", v, v) }
