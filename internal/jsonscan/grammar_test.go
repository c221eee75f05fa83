package jsonscan

import (
	"errors"
	"github.com/segsync/segsync/jsonvalue"
	"strings"
	"testing"
)

// grammarCases are inputs with the verdict a strict RFC 8259 parser gives them.
var grammarCases = []struct {
	name  string
	in    string
	valid bool
}{
	// Values at the top level.
	{"null", `null`, true},
	{"true", `true`, true},
	{"false", `false`, true},
	{"string", `"x"`, true},
	{"number", `1`, true},
	{"empty object", `{}`, true},
	{"empty array", `[]`, true},
	{"whitespace around", " \t\r\n[ 1 , { \"a\" : 2 } ]\n ", true},
	{"empty input", ``, false},
	{"only whitespace", "  \n", false},
	{"two values", `1 2`, false},
	{"trailing garbage", `{} x`, false},
	{"trailing comma after value", `1,`, false},
	{"leading BOM", "\ufeff{}", false},
	{"form feed is not whitespace", "\f1", false},
	{"NUL after value", "1\x00", false},
	// Literals.
	{"truncated true", `tru`, false},
	{"capital True", `True`, false},
	{"nulls", `nulls`, false},
	{"NaN", `NaN`, false},
	{"Infinity", `-Infinity`, false},
	// Numbers.
	{"zero", `0`, true},
	{"negative zero", `-0`, true},
	{"fraction", `-12.5`, true},
	{"exponent", `1e10`, true},
	{"exponent signs", `[1E+2,1e-2,0.5E0]`, true},
	{"big integer", `12345678901234567890123456789`, true},
	{"huge exponent", `1e99999`, true},
	{"leading zero", `01`, false},
	{"negative leading zero", `-01`, false},
	{"plus sign", `+1`, false},
	{"lone minus", `-`, false},
	{"minus space", `- 1`, false},
	{"leading dot", `.5`, false},
	{"trailing dot", `1.`, false},
	{"dot exponent", `1.e1`, false},
	{"empty exponent", `1e`, false},
	{"exponent sign only", `1e+`, false},
	{"hex", `0x1`, false},
	{"number then letter", `[1a]`, false},
	{"double minus", `--1`, false},
	// Strings.
	{"escapes", `"\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \uFFFF"`, true},
	{"surrogate pair", `"\ud83d\ude00"`, true},
	{"raw unicode", "\"é 😀 \u2028\"", true},
	{"DEL is allowed", "\"\x7f\"", true},
	{"unterminated", `"abc`, false},
	{"control character", "\"a\x01b\"", false},
	{"raw newline", "\"a\nb\"", false},
	{"raw tab", "\"a\tb\"", false},
	{"bad escape", `"\x"`, false},
	{"escaped single quote", `"\'"`, false},
	{"short unicode escape", `"\u12"`, false},
	{"bad hex", `"\u12G4"`, false},
	{"lone high surrogate", `"\ud800"`, false},
	{"lone low surrogate", `"\udc00"`, false},
	{"high then not low", `"\ud800\u0041"`, false},
	{"high then high", `"\ud800\ud800"`, false},
	{"high then text", `"\ud800abcdef"`, false},
	{"escape at end", `"\`, false},
	{"single quotes", `'a'`, false},
	{"invalid UTF-8 byte", "\"\xff\"", false},
	{"truncated UTF-8", "\"\xc3\"", false},
	{"overlong UTF-8", "\"\xc0\xaf\"", false},
	{"UTF-8 surrogate", "\"\xed\xa0\x80\"", false},
	{"beyond U+10FFFF", "\"\xf4\x90\x80\x80\"", false},
	{"continuation byte alone", "\"\x80\"", false},
	{"invalid UTF-8 in a key", "{\"\xff\":1}", false},
	{"invalid UTF-8 in a skipped value", "{\"a\":[\"\xe2\x82\"]}", false},
	{"invalid UTF-8 outside strings", "[\xff]", false},
	// Arrays.
	{"nested arrays", `[[],[[]],[1,[2]]]`, true},
	{"unclosed array", `[1`, false},
	{"trailing comma", `[1,]`, false},
	{"leading comma", `[,1]`, false},
	{"double comma", `[1,,2]`, false},
	{"missing comma", `[1 2]`, false},
	{"colon in array", `[1:2]`, false},
	{"mismatched close", `[1}`, false},
	{"extra close", `[1]]`, false},
	// Objects.
	{"object", `{"a":1,"b":{"c":[true]}}`, true},
	{"duplicate names", `{"a":1,"a":2}`, true},
	{"empty name", `{"":1}`, true},
	{"unclosed object", `{"a":1`, false},
	{"name without value", `{"a"}`, false},
	{"missing colon", `{"a" 1}`, false},
	{"missing value", `{"a":}`, false},
	{"unquoted name", `{a:1}`, false},
	{"number name", `{1:1}`, false},
	{"trailing comma in object", `{"a":1,}`, false},
	{"comma instead of colon", `{"a",1}`, false},
	{"mismatched object close", `{"a":1]`, false},
	{"comment", `{"a":1 /* c */}`, false},
}

func TestGrammar(t *testing.T) {
	paths := fuzzQueries[0]
	for _, c := range grammarCases {
		t.Run(c.name, func(t *testing.T) {
			if got := strictValid([]byte(c.in)); got != c.valid {
				t.Fatalf("table says valid=%v but jsontext says %v", c.valid, got)
			}
			for _, q := range []*Query{mustCompile(t, nil), mustCompile(t, paths)} {
				err := q.Scan([]byte(c.in), NopHandler{})
				if c.valid && err != nil {
					t.Fatalf("Scan(%q) = %v, want success", c.in, err)
				}
				var se *jsonvalue.SyntaxError
				if !c.valid && !errors.As(err, &se) {
					t.Fatalf("Scan(%q) = %v, want *jsonvalue.SyntaxError", c.in, err)
				}
				err = q.ScanReader(strings.NewReader(c.in), NopHandler{})
				if (err == nil) != c.valid {
					t.Fatalf("ScanReader(%q) = %v, want valid=%v", c.in, err, c.valid)
				}
			}
			checkScan(t, []byte(c.in))
		})
	}
}

func mustCompile(t testing.TB, paths []Path, opts ...Option) *Query {
	t.Helper()
	q, err := Compile(paths, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
