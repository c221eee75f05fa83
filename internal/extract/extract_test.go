package extract_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

func reader(t *testing.T, limits parser.Limits) *extract.Reader {
	t.Helper()
	top := []extract.Field{
		{Ptr: jsonpath.MustParse("/a"), Name: "a", Set: true},
		{Name: "unset"},
	}
	list := &extract.List{
		Array: extract.Field{Ptr: jsonpath.MustParse("/list"), Name: "list", Set: true},
		Items: []extract.Field{{Ptr: jsonpath.MustParse("/x"), Name: "items.x", Set: true}, {Ptr: "", Name: "items.self", Set: true}},
	}
	r, err := extract.Compile(top, list, limits)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRead(t *testing.T) {
	r := reader(t, parser.Limits{})
	vals, err := r.Read(extract.Bytes([]byte(`{"a": 1, "list": [{"x": "one"}, 2], "a": "last", "list": [{"x": "\u00e9"}, {"x": 12.50}]}`)), false)
	if err != nil {
		t.Fatal(err)
	}
	if v := vals.Top[0]; v.Kind != jsonscan.String || v.Text != "last" {
		t.Errorf("a: %+v (the last repeated name wins)", v)
	}
	if !vals.Top[1].Absent() {
		t.Errorf("an unset field was read: %+v", vals.Top[1])
	}
	if len(vals.Elements) != 2 || vals.Elements[0].Items[0].Text != "é" || vals.Elements[1].Items[0].Text != "12.50" || vals.Elements[1].Index != 1 {
		t.Errorf("elements: %+v (a repeated array replaces the first)", vals.Elements)
	}
	if k := vals.Elements[0].Items[1].Kind; k != jsonscan.Object {
		t.Errorf("the element itself: %v", k)
	}
	rows, perr := r.Rows(vals)
	if perr == nil {
		t.Fatalf("rows of elements that are objects: %v", rows)
	}
	captest.WantError(t, rows, perr, parser.CodeWrongType, "/list/0")
}

func TestReadLimits(t *testing.T) {
	tests := []struct {
		name    string
		limits  parser.Limits
		body    string
		code    parser.Code
		pointer string
	}{
		{"bytes", parser.Limits{MaxBytes: 8}, `{"a": "123456"}`, parser.CodeTooLarge, ""},
		{"depth", parser.Limits{MaxDepth: 2}, `{"b": [[1]]}`, parser.CodeTooLarge, ""},
		{"elements", parser.Limits{MaxMembers: 1}, `{"list": [1, 2]}`, parser.CodeTooLarge, "/list"},
		{"syntax", parser.Limits{}, `{"a": 01}`, parser.CodeInvalidJSON, ""},
		{"utf-8", parser.Limits{}, "{\"a\": \"\xff\"}", parser.CodeInvalidJSON, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, src := range sources(tt.body) {
				vals, err := reader(t, tt.limits).Read(src.src, false)
				if err == nil {
					t.Fatalf("%s: read %+v", src.name, vals)
				}
				captest.WantError(t, vals, err, tt.code, tt.pointer)
			}
		})
	}
}

// sources gives body whole and as streams of one byte a read and of the whole.
func sources(body string) []struct {
	name string
	src  extract.Source
} {
	return []struct {
		name string
		src  extract.Source
	}{
		{"bytes", extract.Bytes([]byte(body))},
		{"stream", extract.Stream(strings.NewReader(body))},
		{"one byte a read", extract.Stream(iotest.OneByteReader(strings.NewReader(body)))},
	}
}

// A blank payload is nil values with blankOK and invalid_json without, from
// bytes and from streams alike; a stream that fails is a *parser.ReadError, not
// a payload error, and a stuck one fails with io.ErrNoProgress.
func TestReadBlankAndStreams(t *testing.T) {
	r := reader(t, parser.Limits{})
	for _, body := range []string{"", " \n\t\r "} {
		for _, src := range sources(body) {
			if vals, err := r.Read(src.src, true); vals != nil || err != nil {
				t.Errorf("%q %s, blank allowed: %+v, %v", body, src.name, vals, err)
			}
		}
		for _, src := range sources(body) {
			vals, err := r.Read(src.src, false)
			captest.WantError(t, vals, err, parser.CodeInvalidJSON, "")
		}
	}
	boom := errors.New("boom")
	for name, tt := range map[string]struct {
		src  io.Reader
		want error
	}{
		"failing":  {io.MultiReader(strings.NewReader(`{"a": `), iotest.ErrReader(boom)), boom},
		"stuck":    {io.MultiReader(strings.NewReader(`{"a": `), stuckReader{}), io.ErrNoProgress},
		"at start": {iotest.ErrReader(boom), boom},
	} {
		_, err := r.Read(extract.Stream(tt.src), true)
		var re *parser.ReadError
		if !errors.As(err, &re) || !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want a *parser.ReadError wrapping %v", name, err, tt.want)
		}
	}
}

// stuckReader returns no bytes and no error, forever.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

func TestRules(t *testing.T) {
	r := reader(t, parser.Limits{MaxValueBytes: 3})
	f := extract.Field{Ptr: "/v", Name: "v", Set: true}
	tests := []struct {
		name     string
		rule     func(v extract.Value) (string, error)
		v        extract.Value
		want     string
		code     parser.Code
		required bool
	}{
		{"text string", nil, extract.Value{Kind: jsonscan.String, Text: "abc", Len: 3}, "abc", "", true},
		{"text number", nil, extract.Value{Kind: jsonscan.Number, Text: "1.0", Len: 3}, "1.0", "", true},
		{"text empty", nil, extract.Value{Kind: jsonscan.String}, "", parser.CodeInvalidValue, true},
		{"text long", nil, extract.Value{Kind: jsonscan.String, Len: 4}, "", parser.CodeTooLarge, true},
		{"text true", nil, extract.Value{Kind: jsonscan.True}, "", parser.CodeWrongType, true},
		{"text absent required", nil, extract.Value{}, "", parser.CodeMissing, true},
		{"text null optional", nil, extract.Value{Kind: jsonscan.Null}, "", "", false},
		{"string number", func(v extract.Value) (string, error) { s, e := r.String(v, f, f.Ptr, true); return s, nilErr(e) },
			extract.Value{Kind: jsonscan.Number, Text: "1", Len: 1}, "", parser.CodeWrongType, true},
		{"matchable false", func(v extract.Value) (string, error) { s, e := r.Matchable(v, f, f.Ptr, true); return s, nilErr(e) },
			extract.Value{Kind: jsonscan.False}, "false", "", true},
		{"matchable array", func(v extract.Value) (string, error) { s, e := r.Matchable(v, f, f.Ptr, true); return s, nilErr(e) },
			extract.Value{Kind: jsonscan.Array}, "", parser.CodeWrongType, true},
		{"bool string", func(v extract.Value) (string, error) { _, e := extract.Bool(v, f, f.Ptr); return "", nilErr(e) },
			extract.Value{Kind: jsonscan.String, Text: "true", Len: 4}, "", parser.CodeWrongType, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := tt.rule
			if rule == nil {
				rule = func(v extract.Value) (string, error) { s, e := r.Text(v, f, f.Ptr, tt.required); return s, nilErr(e) }
			}
			got, err := rule(tt.v)
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, "/v")
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// nilErr turns a nil *parser.Error into a nil error.
func nilErr(e *parser.Error) error {
	if e == nil {
		return nil
	}
	return e
}
