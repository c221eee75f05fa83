package handlebars

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonvalue"
)

// testData is a rich data value shared by the tables and the fuzz target.
func testData() any {
	v, err := jsonvalue.Decode([]byte(`{
		"a": "A", "q": "say \"hi\" \\ <b>", "n": 1.50, "zero": 0, "z": "0.0",
		"t": true, "f": false, "nul": null, "arr": ["x", "y"], "empty": [],
		"obj": {"k": "v", "2": "two", "1": "one"}, "eobj": {},
		"nested": [[1, [2, null]], {"o": 1}],
		"people": [{"name": "Ann", "tags": ["a"]}, {"name": "Bob", "tags": []}]
	}`), 0)
	if err != nil {
		panic(err)
	}
	return v
}

func render(t *testing.T, tpl string, data any, opts ...Option) (string, error) {
	t.Helper()
	tmpl, err := Parse(tpl, opts...)
	if err != nil {
		return "", err
	}
	return tmpl.Render(data)
}

// renderCases are checked by TestRender and seed FuzzRender.
var renderCases = []struct {
	name, tpl, want string
	data            any // testData() when nil
}{
	{name: "text only", tpl: `{"a": 1}`, want: `{"a": 1}`},
	{name: "path", tpl: `{{a}}`, want: `A`},
	{name: "escaped value", tpl: `"{{q}}"`, want: `"say \"hi\" \\ \u003cb\u003e"`},
	{name: "triple stash escapes too", tpl: `"{{{q}}}"`, want: `"say \"hi\" \\ \u003cb\u003e"`},
	{name: "ampersand escapes too", tpl: `"{{&q}}"`, want: `"say \"hi\" \\ \u003cb\u003e"`},
	{name: "number literal text kept", tpl: `{{n}}`, want: `1.50`},
	{name: "missing is empty", tpl: `[{{nope}}{{nul}}{{a.b.c}}]`, want: `[]`},
	{name: "bools", tpl: `{{t}},{{f}}`, want: `true,false`},
	{name: "array string", tpl: `{{nested}}`, want: `1,2,,[object Object]`},
	{name: "object string", tpl: `{{obj}}`, want: `[object Object]`},
	{name: "this", tpl: `{{#with obj}}{{this.k}}{{./k}}{{k}}{{/with}}`, want: `vvv`},
	{name: "parent", tpl: `{{#each arr}}{{../a}}{{/each}}`, want: `AA`},
	{name: "segment literal", tpl: `{{[a]}}{{obj.[k]}}`, want: `Av`},
	{name: "comment", tpl: `a{{! x }}{{!-- }} --}}b`, want: `ab`},
	{name: "if zero string number", tpl: `{{#if zero}}1{{/if}}{{#if z}}2{{/if}}`, want: `2`},
	{name: "if empty array", tpl: `{{#if empty}}1{{else}}2{{/if}}`, want: `2`},
	{name: "if empty object", tpl: `{{#if eobj}}1{{else}}2{{/if}}`, want: `1`},
	{name: "unless", tpl: `{{#unless f}}1{{/unless}}`, want: `1`},
	{name: "caret else", tpl: `{{#if f}}1{{^}}2{{/if}}`, want: `2`},
	{name: "else if", tpl: `{{#if f}}1{{else if t}}2{{else}}3{{/if}}`, want: `2`},
	{name: "each data", tpl: `{{#each arr}}{{@index}}{{@key}}{{@first}}{{@last}};{{/each}}`, want: `00truefalse;11falsetrue;`},
	{name: "each object order", tpl: `{{#each obj}}{{@key}}={{this}},{{/each}}`, want: `1=one,2=two,k=v,`},
	{name: "each else", tpl: `{{#each empty}}x{{else}}none{{/each}}`, want: `none`},
	{name: "each nested", tpl: `{{#each people}}{{name}}:{{#each tags}}{{this}}{{@../index}}{{else}}-{{/each}};{{/each}}`, want: `Ann:a0;Bob:-;`},
	{name: "with", tpl: `{{#with obj}}{{k}}{{/with}}{{#with nope}}x{{else}}y{{/with}}`, want: `vy`},
	{name: "with zero", tpl: `{{#with zero}}[{{this}}]{{/with}}`, want: `[0]`},
	{name: "root", tpl: `{{#each arr}}{{@root.a}}{{/each}}`, want: `AA`},
	{name: "tilde", tpl: "a \n {{~a~}} \n b", want: `aAb`},
	{name: "standalone", tpl: "{\n  {{#if t}}\n  \"x\": 1\n  {{/if}}\n}", want: "{\n  \"x\": 1\n}"},
	{name: "escaped mustache", tpl: `\{{a}} \\{{a}}`, want: `{{a}} \A`},
	{name: "string literal param", tpl: `{{#with "s\"q"}}{{this}}{{/with}}`, want: `s\"q`},
	{name: "map data sorted", tpl: `{{#each .}}{{@key}}{{/each}}`, data: map[string]any{"b": 1, "a": 2, "10": 3, "9": 4}, want: `910ab`},
	{name: "go numbers", tpl: `{{i}} {{f}} {{big}} {{tiny}}`, data: map[string]any{"i": 404, "f": 0.25, "big": 1e21, "tiny": 1e-7}, want: `404 0.25 1e+21 1e-7`},
	{name: "go int64 exact", tpl: `{{i}}`, data: map[string]any{"i": int64(math.MaxInt64)}, want: `9223372036854775807`},
	{name: "nil data", tpl: `[{{a}}{{this}}]`, data: nil, want: `[]`},
}

func TestRender(t *testing.T) {
	for _, c := range renderCases {
		t.Run(c.name, func(t *testing.T) {
			data := c.data
			if data == nil && c.name != "nil data" {
				data = testData()
			}
			got, err := render(t, c.tpl, data, WithFrameworkHelpers())
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

// looseEqual is JavaScript's ==, as the renderer uses it, with default limits.
func looseEqual(a, b any) (bool, error) {
	r := &renderer{t: &Template{limits: Limits{}.withDefaults()}}
	return r.looseEqual(a, b)
}

func TestLooseEqual(t *testing.T) {
	n := func(s string) jsonvalue.Number { return jsonvalue.Number(s) }
	obj := &jsonvalue.Object{}
	arr := []any{"a", "b"}
	emptyArr := []any{}
	roomy := make([]any, 0, 4)
	for _, c := range []struct {
		name string
		a, b any
		want bool
	}{
		{"same strings", "x", "x", true},
		{"different strings", "x", "y", false},
		{"number and string", n("1"), "1", true},
		{"number forms", n("1.0"), n("1"), true},
		{"go int and Number", 400, n("400"), true},
		{"string and padded string", "1", " 1", false},
		{"number and padded string", 1, " 1 ", true},
		{"null and null", nil, nil, true},
		{"null and zero", nil, 0, false},
		{"null and empty", nil, "", false},
		{"true and 1", true, 1, true},
		{"true and string true", true, "true", false},
		{"false and string 0", false, "0", true},
		{"empty string and zero", "", 0, true},
		{"hex string", "0x10", 16, true},
		{"nan string", "abc", n("0"), false},
		{"same object", obj, obj, true},
		{"different objects", obj, &jsonvalue.Object{}, false},
		{"array and its string", arr, "a,b", true},
		{"same array", arr, arr, true},
		{"same empty array", emptyArr, emptyArr, true},
		{"same empty array with capacity", roomy, roomy, true},
		{"same nil array", []any(nil), []any(nil), true},
		{"empty arrays of different backing", roomy, make([]any, 0, 4), false},
		{"arrays with equal elements", []any{"a"}, []any{"a"}, false},
		{"slices of one array, lengths differ", arr[:1], arr, false},
		{"slices of one array, capacities differ", arr[:1:1], arr[:1], false},
		{"object and its string", obj, "[object Object]", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := looseEqual(c.a, c.b)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			got, err = looseEqual(c.b, c.a)
			require.NoError(t, err)
			assert.Equal(t, c.want, got, "symmetric")
		})
	}
	_, err := looseEqual(struct{}{}, 1)
	assert.ErrorIs(t, err, ErrDataType)
}

func TestEqualHelper(t *testing.T) {
	tpl := `{{#equal statusCode 400}}bad{{else}}other{{/equal}}`
	for _, c := range []struct {
		name string
		code any
		want string
	}{
		{"int", 400, "bad"},
		{"Number", jsonvalue.Number("400"), "bad"},
		{"Number with a fraction", jsonvalue.Number("4.00e2"), "bad"},
		{"float", 400.0, "bad"},
		{"string is strictly different", "400", "other"},
		{"different", 200, "other"},
		{"null", nil, "other"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := render(t, tpl, map[string]any{"statusCode": c.code}, WithFrameworkHelpers())
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestParseErrors(t *testing.T) {
	eq := WithFrameworkHelpers()
	for _, c := range []struct {
		name, tpl string
		opts      []Option
		sentinel  error
		line, col int
		msg       string
	}{
		{name: "partial", tpl: `{{> p}}`, sentinel: ErrUnsupported, line: 1, col: 1, msg: "partials"},
		{name: "lookup mustache", tpl: `{{lookup requestBody "a"}}`, sentinel: ErrUnsupported, msg: `helper "lookup" is not supported`},
		{name: "lookup block", tpl: `{{#lookup requestBody "a"}}{{/lookup}}`, sentinel: ErrUnsupported, msg: `helper "lookup" is not supported`},
		{name: "log mustache", tpl: `{{log "x"}}`, sentinel: ErrUnsupported, msg: `helper "log" is not supported`},
		{name: "partial block", tpl: `{{#> p}}x{{/p}}`, sentinel: ErrUnsupported, msg: "partial blocks"},
		{name: "decorator", tpl: `{{* d}}`, sentinel: ErrUnsupported, msg: "decorators"},
		{name: "inline partial", tpl: `{{#*inline "x"}}y{{/inline}}`, sentinel: ErrUnsupported, msg: "inline partials"},
		{name: "raw block", tpl: `{{{{raw}}}}x{{{{/raw}}}}`, sentinel: ErrUnsupported, msg: "raw blocks"},
		{name: "subexpression", tpl: `{{#if (eq a b)}}x{{/if}}`, sentinel: ErrUnsupported, msg: "sub-expressions"},
		{name: "hash", tpl: `{{#if a includeZero=true}}x{{/if}}`, sentinel: ErrUnsupported, msg: "hash"},
		{name: "block params", tpl: `{{#each a as |x|}}{{/each}}`, sentinel: ErrUnsupported, msg: "block parameters"},
		{name: "inverse section", tpl: `{{^a}}x{{/a}}`, sentinel: ErrUnsupported, msg: "inverse sections"},
		{name: "unknown block helper", tpl: `{{#foo a}}x{{/foo}}`, sentinel: ErrUnknownHelper, msg: `"foo"`},
		{name: "section on value", tpl: `{{#a}}x{{/a}}`, sentinel: ErrUnknownHelper, msg: `"a"`},
		{name: "unknown helper call", tpl: `x {{foo a}}`, sentinel: ErrUnknownHelper, line: 1, col: 3, msg: `"foo"`},
		{name: "block helper as value", tpl: `{{if}}`, sentinel: ErrUnsupported, msg: "only be used as a block"},
		{name: "registered helper as value", tpl: `{{equal a b}}`, opts: []Option{eq}, sentinel: ErrUnsupported},
		{name: "equal not registered", tpl: `{{#equal a b}}x{{/equal}}`, sentinel: ErrUnknownHelper},
		{name: "lookup", tpl: `{{#lookup a}}x{{/lookup}}`, sentinel: ErrUnsupported},
		{name: "if arity", tpl: `{{#if}}x{{/if}}`, sentinel: ErrArity, msg: "#if takes 1"},
		{name: "each arity", tpl: `{{#each a b}}x{{/each}}`, sentinel: ErrArity},
		{name: "equal arity", tpl: `{{#equal a}}x{{/equal}}`, opts: []Option{eq}, sentinel: ErrArity, msg: "#equal takes 2"},
		{name: "else if arity", tpl: `{{#if a}}{{else if}}{{/if}}`, sentinel: ErrArity},
		{name: "mismatched close", tpl: "{{#if a}}\n{{/each}}", sentinel: ErrSyntax, line: 2, col: 1, msg: "does not close"},
		{name: "unclosed block", tpl: `{{#if a}}x`, sentinel: ErrSyntax, msg: "never closed"},
		{name: "stray close", tpl: `{{/if}}`, sentinel: ErrSyntax},
		{name: "else outside", tpl: `{{else}}`, sentinel: ErrSyntax},
		{name: "unterminated mustache", tpl: `{{a`, sentinel: ErrSyntax, msg: "unterminated"},
		{name: "unterminated comment", tpl: `{{!-- x`, sentinel: ErrSyntax},
		{name: "unterminated string", tpl: `{{#if "x}}{{/if}}`, sentinel: ErrSyntax},
		{name: "triple mismatch", tpl: `{{{a}}`, sentinel: ErrSyntax},
		{name: "extra brace", tpl: `{{a}}}`, sentinel: ErrSyntax},
		{name: "invalid path", tpl: `{{a/../b}}`, sentinel: ErrSyntax, msg: "invalid path"},
		{name: "empty mustache", tpl: `{{}}`, sentinel: ErrSyntax, msg: "empty"},
		{name: "bad char", tpl: `{{a!}}`, sentinel: ErrSyntax},
		{name: "invalid utf8", tpl: "ab\xff", sentinel: ErrSyntax, col: 3, msg: "UTF-8"},
		{name: "nul", tpl: "a\x00", sentinel: ErrSyntax},
		{name: "too large", tpl: "abcdef", opts: []Option{WithLimits(Limits{MaxTemplateSize: 5})}, sentinel: ErrTemplateTooLarge},
		{name: "too deep", tpl: `{{#if a}}{{#if a}}{{#if a}}{{/if}}{{/if}}{{/if}}`, opts: []Option{WithLimits(Limits{MaxDepth: 2})}, sentinel: ErrTooDeep, col: 19},
		{name: "register builtin", tpl: `x`, opts: []Option{WithHelper("if", FrameworkHelpers()["equal"])}, sentinel: ErrUnsupported},
		{name: "register bad name", tpl: `x`, opts: []Option{WithHelper("a.b", FrameworkHelpers()["equal"])}, sentinel: ErrSyntax},
		{name: "register else", tpl: `x`, opts: []Option{WithHelper("else", FrameworkHelpers()["equal"])}, sentinel: ErrSyntax},
		{name: "register literal", tpl: `x`, opts: []Option{WithHelper("true", FrameworkHelpers()["equal"])}, sentinel: ErrSyntax},
		{name: "register nil fn", tpl: `x`, opts: []Option{WithHelper("h", Helper{})}, sentinel: ErrSyntax},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.tpl, c.opts...)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, c.sentinel)
			if c.line != 0 {
				assert.Equal(t, c.line, pe.Line, "line")
			}
			if c.col != 0 {
				assert.Equal(t, c.col, pe.Column, "column")
			}
			assert.Contains(t, pe.Msg, c.msg)
			assert.NotContains(t, pe.Error(), "\n", "one line")
		})
	}
}

// TestSnippetIsBounded: a 10 MB template on one line (issue 10) gives a
// snippet of one window around the error, with its control characters
// escaped.
func TestSnippetIsBounded(t *testing.T) {
	src := strings.Repeat("\x1b[2J ", 2<<20) + "{{/if}}"
	_, err := Parse(src, WithLimits(Limits{MaxTemplateSize: 16 << 20}))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	s := pe.Snippet()
	assert.Less(t, len(s), 400)
	assert.NotContains(t, s, "\x1b", "no raw escape character")
	assert.True(t, strings.HasPrefix(s, "…"), s)
	assert.Contains(t, s, `\x1b[2J `)
	assert.True(t, strings.HasSuffix(s, "^"))
}

func TestParseErrorSnippet(t *testing.T) {
	_, err := Parse("{\n  \"a\": {{#if x}}1{{/each}}\n}")
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "handlebars: line 2, column 18: {{/each}} does not close {{#if}}", pe.Error())
	assert.Equal(t, "  \"a\": {{#if x}}1{{/each}}\n                 ^", pe.Snippet())
}

func TestRenderErrors(t *testing.T) {
	failing := Helper{Params: -1, Fn: func(b *Block, params []any) error {
		if len(params) != 1 {
			return fmt.Errorf("want 1 parameter, got %d", len(params))
		}
		return nil
	}}
	type weird struct{}
	for _, c := range []struct {
		name, tpl string
		data      any
		opts      []Option
		sentinel  error
		col       int
	}{
		{name: "output too large", tpl: `{{#each arr}}{{../s}}{{/each}}`, data: map[string]any{"arr": make([]any, 10), "s": "x"},
			opts: []Option{WithLimits(Limits{MaxOutputSize: 5})}, sentinel: ErrOutputTooLarge},
		{name: "escaped output too large", tpl: `ab{{s}}`, data: map[string]any{"s": strings.Repeat("\x01", 10)},
			opts: []Option{WithLimits(Limits{MaxOutputSize: 20})}, sentinel: ErrOutputTooLarge, col: 3},
		{name: "step budget", tpl: `{{#each a}}{{#each ../a}}x{{/each}}{{/each}}`, data: map[string]any{"a": make([]any, 100)},
			opts: []Option{WithLimits(Limits{MaxSteps: 1000})}, sentinel: ErrStepBudget},
		{name: "deep array", tpl: `{{a}}`, data: map[string]any{"a": deepArray(50)},
			opts: []Option{WithLimits(Limits{MaxDepth: 10})}, sentinel: ErrTooDeep},
		{name: "data type", tpl: `x{{a}}`, data: map[string]any{"a": weird{}}, sentinel: ErrDataType, col: 2},
		{name: "data type in lookup", tpl: `{{a.b}}`, data: map[string]any{"a": weird{}}, sentinel: ErrDataType},
		{name: "data type in if", tpl: `{{#if a}}{{/if}}`, data: map[string]any{"a": weird{}}, sentinel: ErrDataType},
		{name: "data type in each", tpl: `{{#each a}}{{/each}}`, data: map[string]any{"a": weird{}}, sentinel: ErrDataType},
		{name: "data type in equal", tpl: `{{#equal a 1}}{{/equal}}`, data: map[string]any{"a": weird{}}, opts: []Option{WithFrameworkHelpers()}, sentinel: ErrDataType},
		{name: "helper arity at render", tpl: `{{#h a b}}{{/h}}`, opts: []Option{WithHelper("h", failing)}, sentinel: ErrHelper},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := render(t, c.tpl, c.data, c.opts...)
			var re *RenderError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, c.sentinel)
			if c.col != 0 {
				assert.Equal(t, c.col, re.Column)
			}
			assert.NotEmpty(t, re.Snippet())
		})
	}
}

func deepArray(n int) any {
	var v any = "x"
	for range n {
		v = []any{v}
	}
	return v
}

func TestCyclicDataIsBounded(t *testing.T) {
	a := []any{nil, "x"}
	a[0] = a
	_, err := render(t, `{{a}}`, map[string]any{"a": a})
	assert.ErrorIs(t, err, ErrTooDeep)
	o := &jsonvalue.Object{}
	o.Set("self", o)
	got, err := render(t, `{{#with o}}{{#with self}}{{#with self}}{{self.self.self}}{{/with}}{{/with}}{{/with}}`, map[string]any{"o": o})
	require.NoError(t, err)
	assert.Equal(t, "[object Object]", got)
}

func TestNilObjectIsNull(t *testing.T) {
	var o *jsonvalue.Object
	got, err := render(t, `[{{o}}{{o.a}}{{#if o}}t{{else}}f{{/if}}{{#each o}}x{{/each}}{{#with o}}w{{/with}}]`, map[string]any{"o": o})
	require.NoError(t, err)
	assert.Equal(t, "[f]", got)
	got, err = render(t, `[{{a}}]`, o)
	require.NoError(t, err)
	assert.Equal(t, "[]", got)
}

// TestContextComparisonIsBudgeted: entering a block compares contexts with
// JavaScript's ==, which may stringify an array; that work counts as steps.
func TestContextComparisonIsBudgeted(t *testing.T) {
	big := make([]any, 3000)
	for i := range big {
		big[i] = "item"
	}
	_, err := render(t, `{{#each big}}{{#with ../big}}{{/with}}{{/each}}`, map[string]any{"big": big})
	assert.ErrorIs(t, err, ErrStepBudget)
}

func TestCustomHelper(t *testing.T) {
	var kept *Block
	first := Helper{Params: 1, Fn: func(b *Block, params []any) error {
		kept = b
		arr, _ := params[0].([]any)
		if len(arr) == 0 {
			return b.Inverse(b.This())
		}
		return b.Fn(arr[0])
	}}
	tmpl, err := Parse(`{{#first arr}}<{{this}}>{{else}}none{{/first}}`, WithHelper("first", first))
	require.NoError(t, err)
	got, err := tmpl.Render(map[string]any{"arr": []any{"a\"", "b"}})
	require.NoError(t, err)
	assert.Equal(t, `<a\">`, got)
	got, err = tmpl.Render(map[string]any{})
	require.NoError(t, err)
	assert.Equal(t, `none`, got)
	assert.Error(t, kept.Fn(nil), "a Block is dead after its helper returns")

	boom := errors.New("boom")
	tmpl, err = Parse("x\n {{#fail}}{{/fail}}", WithHelper("fail", Helper{Fn: func(*Block, []any) error { return boom }}))
	require.NoError(t, err)
	_, err = tmpl.Render(nil)
	var re *RenderError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, boom)
	assert.ErrorIs(t, err, ErrHelper)
	assert.Equal(t, 2, re.Line)
	assert.Equal(t, 2, re.Column)
}

func TestHelperNamedLikeElse(t *testing.T) {
	got, err := render(t, `{{#elsewhere a}}in{{/elsewhere}}`, map[string]any{"a": 1}, WithHelper("elsewhere", Equal1))
	require.NoError(t, err)
	assert.Equal(t, "in", got)
}

// Equal1 renders its block when its one parameter equals 1.
var Equal1 = Helper{Params: 1, Fn: func(b *Block, p []any) error {
	if eq, _ := looseEqual(p[0], 1); eq {
		return b.Fn(b.This())
	}
	return b.Inverse(b.This())
}}

func TestHelpersArePerTemplate(t *testing.T) {
	_, err := Parse(`{{#equal a b}}{{/equal}}`, WithFrameworkHelpers())
	require.NoError(t, err)
	_, err = Parse(`{{#equal a b}}{{/equal}}`)
	assert.ErrorIs(t, err, ErrUnknownHelper)
}

// TestBodiesStayJSON renders JSON bodies with hostile values and checks that
// each output is valid JSON holding the value unchanged.
func TestBodiesStayJSON(t *testing.T) {
	tmpl, err := Parse(`{"m": "{{m}}", "r": "{{{m}}}", "a": "{{&m}}", "l": [{{#each list}}"{{this}}"{{#unless @last}},{{/unless}}{{/each}}]}`)
	require.NoError(t, err)
	for _, v := range []string{
		`quote " and \" and \\"`, `back\slash\`, "nl\nnl\r\ntab\t", "ctl\x00\x01\x1f\x7f",
		`</script><script>alert(1)</script>`, "ls\u2028ps\u2029", `{{a}}`, "\xff\xfe bad utf8", "emoji 😀 é",
	} {
		t.Run(v, func(t *testing.T) {
			out, err := tmpl.Render(map[string]any{"m": v, "list": []any{v, v}})
			require.NoError(t, err)
			require.True(t, json.Valid([]byte(out)), out)
			assert.NotContains(t, out, "</script")
			assert.NotContains(t, out, "\u2028")
			var got struct {
				M, R, A string
				L       []string
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			want := strings.ToValidUTF8(v, "\uFFFD")
			if want != v {
				want = strings.ReplaceAll(v, "\xff", "\uFFFD")
				want = strings.ReplaceAll(want, "\xfe", "\uFFFD")
			}
			assert.Equal(t, want, got.M)
			assert.Equal(t, want, got.R)
			assert.Equal(t, want, got.A)
			assert.Equal(t, []string{want, want}, got.L)
		})
	}
}

func TestEscapeJSONString(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "abc", "abc"},
		{"quote", `a"b`, `a\"b`},
		{"backslash", `a\b`, `a\\b`},
		{"controls", "\b\f\n\r\t\x00\x1f", `\b\f\n\r\t\u0000\u001f`},
		{"html", "<&>", `\u003c\u0026\u003e`},
		{"separators", "\u2028\u2029", `\u2028\u2029`},
		{"invalid utf8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"multibyte", "é😀", "é😀"},
		{"del kept", "\x7f", "\x7f"},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, EscapeJSONString(c.in))
		})
	}
}

func TestConcurrentRender(t *testing.T) {
	tmpl, err := Parse(`{{#each people}}{{name}}{{/each}}`)
	require.NoError(t, err)
	data := testData()
	var wg sync.WaitGroup
	results := make([]string, 8)
	errs := make([]error, 8)
	for i := range results {
		wg.Go(func() { results[i], errs[i] = tmpl.Render(data) })
	}
	wg.Wait()
	for i := range results {
		require.NoError(t, errs[i])
		assert.Equal(t, "AnnBob", results[i])
	}
}

func TestExecute(t *testing.T) {
	tmpl, err := Parse(`{{a}}`)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, tmpl.Execute(&b, map[string]any{"a": "x"}))
	assert.Equal(t, "x", b.String())
	assert.Equal(t, DefaultMaxOutputSize, tmpl.Limits().MaxOutputSize)
}
