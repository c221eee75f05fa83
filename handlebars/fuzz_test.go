package handlebars

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzLimits keep every render small, so that "finishes" and "bounded" are
// checked against known numbers.
var fuzzLimits = Limits{MaxTemplateSize: 4096, MaxDepth: 20, MaxOutputSize: 1 << 16, MaxSteps: 20000}

// FuzzRender parses arbitrary template text and, if it parses, renders it
// with a fixed rich data value: it must not panic, must render the same way
// twice, must stay within the output limit, and may fail only with a
// *RenderError.
func FuzzRender(f *testing.F) {
	for _, c := range renderCases {
		f.Add(c.tpl)
	}
	var cases []goldenCase
	if b, err := os.ReadFile(filepath.Join("testdata", "cases.json")); err == nil && json.Unmarshal(b, &cases) == nil {
		for _, c := range cases {
			f.Add(c.Template)
		}
	}
	data := testData()
	f.Fuzz(func(t *testing.T, src string) {
		tmpl, err := Parse(src, WithFrameworkHelpers(), WithLimits(fuzzLimits))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error %T is not a *ParseError: %v", err, err)
			}
			if strings.Contains(pe.Error(), "\n") {
				t.Fatalf("multi-line parse error %q", pe.Error())
			}
			_ = pe.Snippet()
			return
		}
		out, err := tmpl.Render(data)
		if err != nil {
			var re *RenderError
			if !errors.As(err, &re) {
				t.Fatalf("Render error %T is not a *RenderError: %v", err, err)
			}
			return
		}
		if len(out) > fuzzLimits.MaxOutputSize {
			t.Fatalf("output of %d bytes exceeds the limit", len(out))
		}
		if !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		again, err := tmpl.Render(data)
		if err != nil || again != out {
			t.Fatalf("second render differs: %q, %v", again, err)
		}
	})
}

// FuzzEscape checks that the escaper's output, quoted, is a JSON string that
// decodes to the input (with invalid UTF-8 replaced by U+FFFD), and that it
// never holds characters that could end a <script> or a JavaScript string.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", `"\`, "\x00\x1f\x7f", "</script>", "\u2028\u2029", "\xff\xc3", "é😀", "\ud7ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := EscapeJSONString(s)
		var got string
		if err := json.Unmarshal([]byte(`"`+esc+`"`), &got); err != nil {
			t.Fatalf("escaped %q to %q, not a JSON string: %v", s, esc, err)
		}
		if want := string([]rune(s)); got != want {
			t.Fatalf("escaped %q to %q, decodes to %q, want %q", s, esc, got, want)
		}
		if strings.ContainsAny(esc, "<>&\u2028\u2029") {
			t.Fatalf("escaped %q to %q, which holds an HTML or line-separator character", s, esc)
		}
	})
}
