package jsregex_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsregex"
)

// TestTranslateOutput pins the RE2 spelling of representative constructs.
func TestTranslateOutput(t *testing.T) {
	for _, tt := range []struct{ js, re2 string }{
		{`^(members|add_members)$`, `^(members|add_members)$`},
		{`add|insert`, `add|insert`},
		{`^(?<verb>add|upsert)$`, `^(?P<verb>add|upsert)$`},
		{`^(?<$v>a)$`, `^(a)$`}, // RE2 names are ASCII words
		{`(?:a)*?b+?c??d{2}?e{2,}f{2,3}`, `(?:a)*?b+?c??d{2}?e{2,}f{2,3}`},
		{`a{5,99999999999}`, `a{5,}`}, // V8 clamps to 2^31-1, which means no bound
		{`\d\D\w\W\b\B`, `\d\D\w\W\b\B`},
		{`x{,3}]}{`, `x\{\,3\}\]\}\{`},
		{`\/\-\z\A\e\p{L}`, `\/\-zAep\{L\}`},
		{`\u{41}`, `u{41}`},
		{`\x41\x4\u0041\u004`, `Ax4Au004`},
		{`\cJ\c1`, `\x{a}\\c1`},
		{`\0\08\012\400\8`, `\x{0}\x{0}8\x{a} 08`},
		{`a\1`, `a\x{1}`},
		{`\uD83D\uDE00+`, `😀+`},
		{`\uD83D`, `[^\x00-\x{10FFFF}]`},
		{`[]`, `[^\x00-\x{10FFFF}]`},
		{`[^]`, `[\x00-\x{10FFFF}]`},
		{`[^a-c]`, `[^a-c]`},
		{`[^\uD83D]`, `[\x00-\x{10FFFF}]`}, // the lone surrogate drops out
		{`[\Sa]`, `[\x{0}-\x{8}\x{e}-\x{1f}\!-\x{9f}\x{a1}-\x{167f}\x{1681}-\x{1fff}\x{200b}-\x{2027}\x{202a}-\x{202e}\x{2030}-\x{205e}\x{2060}-\x{2fff}\x{3001}-\x{d7ff}\x{e000}-\x{fefe}\x{ff00}-\x{10ffff}]`},
		{`[\d-z]`, `[\-0-9z]`},
		{`[\b\-\cJ\c_]`, `[\x{8}\x{a}\x{1f}\-]`},
		{`[[:alpha:]]`, `[\:\[ahlp]\]`},
		{`[😀]`, `[\x{1f600}]`},
		{`[\uD800-\uDBFFa]`, `[a]`},
		{`.`, `[^\x{a}\x{d}\x{2028}\x{2029}]`},
		{`\S`, `[^\x{9}-\x{d}\x{20}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`},
		{`\s`, `[\x{9}-\x{d}\x{20}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`},
		{"é\u0301\u00a0", "é\\x{301}\\x{a0}"},
	} {
		t.Run(tt.js, func(t *testing.T) {
			got, err := jsregex.Translate(tt.js)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.re2 {
				t.Errorf("Translate(%q) = %q, want %q", tt.js, got, tt.re2)
			}
			if _, err := regexp.Compile(got); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestTranslateErrors pins the offset of each kind of error and the wording
// that parser.Compile has always reported for constructs RE2 lacks.
func TestTranslateErrors(t *testing.T) {
	for _, tt := range []struct {
		js     string
		offset int
		msg    string // the whole message, or a part of it after "..."
	}{
		{`^add(?=_members)`, 4, `lookahead (?=...) is not supported: matchers run on RE2, which has no lookaround`},
		{`^(?!remove)`, 1, `negative lookahead (?!...) is not supported: matchers run on RE2, which has no lookaround`},
		{`(?<=x)add`, 0, `lookbehind (?<=...) is not supported: matchers run on RE2, which has no lookaround`},
		{`(?<!re)add`, 0, `negative lookbehind (?<!...) is not supported: matchers run on RE2, which has no lookaround`},
		{`(a)\1`, 3, `backreferences (\1) are not supported: matchers run on RE2, which has no backreferences`},
		{`\10(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)`, 0, `backreferences (\10) are not supported: matchers run on RE2, which has no backreferences`},
		{`(?<a>x)\k<a>`, 7, `named backreferences (\k<name>) are not supported: matchers run on RE2, which has no backreferences`},
		{`^*add`, 1, `nothing to repeat: an assertion (^, $, \b, \B) cannot take a quantifier`},
		{`a\b{2}`, 3, `nothing to repeat: an assertion (^, $, \b, \B) cannot take a quantifier`},
		{`a|*`, 2, `...nothing to repeat`},
		{`a{1}{2}`, 4, `...nothing to repeat`},
		{`^(add`, 1, `...unterminated group`},
		{`a)`, 1, `...unmatched ')'`},
		{`ab[cd`, 2, `...unterminated character class`},
		{`a\`, 1, `...\ at end of pattern`},
		{`[az-a]`, 2, `...range out of order`},
		{`a{2,1}`, 1, `...numbers out of order`},
		{`(?i)add`, 0, `...invalid group`},
		{`x(?P<v>a)`, 1, `...invalid group`},
		{`(?<1>a)`, 3, `...invalid capture group name`},
		{`(?<a>x)(?<a>y)`, 10, `...duplicate capture group name`},
		{`(?<a>x)\k<b>`, 7, `...invalid named capture referenced`},
		{`(?<a>x)\kb`, 7, `...invalid named reference`},
		{`(?<a>x)[\k]`, 8, `...invalid escape`},
		{`aa{1001}`, 2, `the repeat count {1001} is larger than 1000, the most RE2 allows`},
		{`a{0,99999}`, 1, `...larger than 1000`},
		{`(a{1000}){1000}`, 9, `...nested repeat counts multiply past 1000`},
		{`((a{10}){10}b{5}){11}`, 17, `...nested repeat counts multiply past 1000`},
		{strings.Repeat("(", 1001) + strings.Repeat(")", 1001), 1000, `...nest more than 1000 deep`},
		{"ab\xff", 2, `the matcher is not valid UTF-8`},
		{strings.Repeat(".", 1<<20), -1, `...its RE2 translation passes 4 MiB`},
	} {
		t.Run(tt.js[:min(len(tt.js), 40)], func(t *testing.T) {
			out, err := jsregex.Translate(tt.js)
			var se *jsregex.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Translate(%q) = %q, %v; want a *SyntaxError", tt.js, out, err)
			}
			if part, ok := strings.CutPrefix(tt.msg, "..."); ok && !strings.Contains(se.Msg, part) || !ok && se.Msg != tt.msg {
				t.Errorf("message %q, want %q", se.Msg, tt.msg)
			}
			if tt.offset >= 0 && se.Offset != tt.offset {
				t.Errorf("offset %d, want %d (%s)", se.Offset, tt.offset, se.Msg)
			}
			if want := "jsregex: " + se.Msg; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want it to start with %q", err.Error(), want)
			}
		})
	}
}

// TestTranslateLarge translates the kind of hostile matchers parser's
// robustness tests compile, in linear time.
func TestTranslateLarge(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("ab", 1<<19),
		strings.Repeat("a|", 1<<19) + "b",
		strings.Repeat("[^a]", 1<<12),
		strings.Repeat("(?:a", 999) + strings.Repeat(")", 999),
		`((a{10}){10}){10}(b{2,}){500}(c{0}){1000}(d{1}e){1000}`,
	} {
		out, err := jsregex.Translate(src)
		if err != nil {
			t.Fatalf("%.20q...: %v", src, err)
		}
		if _, err := regexp.Compile(out); err != nil {
			t.Fatalf("%.20q...: %v", src, err)
		}
	}
}
