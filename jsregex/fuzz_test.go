package jsregex_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsregex"
)

// FuzzTranslate checks, for any pattern and input, that Translate never
// panics, is deterministic, reports errors as a *SyntaxError inside the
// pattern, returns only patterns that regexp.Compile accepts, and that a
// pattern of ASCII letters and digits alone is a substring search, as
// RegExp.test makes it.
func FuzzTranslate(f *testing.F) {
	var cases caseFile
	readJSON(f, "testdata/cases.json", &cases)
	for _, c := range cases.Cases {
		input := ""
		if len(c.Inputs) > 0 {
			input = c.Inputs[0]
		}
		f.Add(c.Pattern, input)
	}
	f.Add("add", "please add these")
	f.Add("Add1", "add1")
	f.Add(`((a{10}){10}){10}`, "a")
	f.Add(`[\uD83D-\uDE00]`, "😀")
	f.Fuzz(func(t *testing.T, src, input string) {
		out, err := jsregex.Translate(src)
		out2, err2 := jsregex.Translate(src)
		if out != out2 || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("Translate(%q) is not deterministic: %q, %v then %q, %v", src, out, err, out2, err2)
		}
		if err != nil {
			var se *jsregex.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Translate(%q): error %T is not a *SyntaxError", src, err)
			}
			if se.Offset < 0 || se.Offset > len(src) || se.Msg == "" {
				t.Fatalf("Translate(%q): bad SyntaxError %+v", src, se)
			}
			return
		}
		re, err := regexp.Compile(out)
		if err != nil {
			t.Fatalf("Translate(%q) = %q, which does not compile: %v", src, out, err)
		}
		if plainWord(src) {
			if got, want := re.MatchString(input), strings.Contains(input, src); got != want {
				t.Fatalf("%q (translated %q) on %q: %v, want strings.Contains %v", src, out, input, got, want)
			}
		}
	})
}

// plainWord reports whether s holds only ASCII letters and digits, so that
// JavaScript reads it as a literal.
func plainWord(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
