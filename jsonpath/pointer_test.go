package jsonpath

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/jsonvalue"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		tokens []string
	}{
		{"root", "", []string{}},
		{"empty token", "/", []string{""}},
		{"two empty tokens", "//", []string{"", ""}},
		{"simple", "/batch/0/userId", []string{"batch", "0", "userId"}},
		{"slash escape", "/a~1b", []string{"a/b"}},
		{"tilde escape", "/m~0n", []string{"m~n"}},
		{"escape order", "/~01", []string{"~1"}},
		{"all escapes", "/~1~0~0~1~1", []string{"/~~//"}},
		{"trailing slash", "/foo/", []string{"foo", ""}},
		{"dash", "/foo/-", []string{"foo", "-"}},
		{"unicode", "/caf\u00e9/\U0001F60E", []string{"caf\u00e9", "\U0001F60E"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.in, p.String())
			if diff := cmp.Diff(tt.tokens, append([]string{}, p.Tokens()...)); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
			assert.Equal(t, tt.in, New(p.Tokens()...).String(), "tokens format back to the same text")
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		offset int
	}{
		{"no leading slash", "batch", 0},
		{"fragment form", "#/a", 0},
		{"lone tilde at end", "/foo/bar~", 8},
		{"tilde two", "/~2", 1},
		{"tilde tilde", "/~~", 1},
		{"tilde dash", "/~-1", 1},
		{"second token", "/~0/~", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			var se *SyntaxError
			require.True(t, errors.As(err, &se), "got %v", err)
			assert.Equal(t, tt.offset, se.Offset)
			assert.Equal(t, tt.in, se.Pointer)
		})
	}
}

func TestAppendDoesNotAlias(t *testing.T) {
	base := MustParse("/a")
	x := base.Append("x")
	y := base.Append("y/z")
	assert.Equal(t, "/a/x", x.String())
	assert.Equal(t, "/a/y~1z", y.String())
	assert.Equal(t, []string{"a", "y/z"}, y.Tokens())
	assert.Equal(t, "/a", base.String())
	assert.Equal(t, "/a/x/y~1z", x.Join(New("y/z")).String())
	assert.True(t, Root.IsRoot())
	assert.Equal(t, 2, y.Len())
}

func TestArrayIndex(t *testing.T) {
	tests := []struct {
		token string
		n     int
		want  int
		ok    bool
	}{
		{"0", 1, 0, true},
		{"9", 10, 9, true},
		{"10", 11, 10, true},
		{"10", 10, 0, false},
		{"01", 5, 0, false},
		{"00", 5, 0, false},
		{"-", 5, 0, false},
		{"", 5, 0, false},
		{"+1", 5, 0, false},
		{"1.0", 5, 0, false},
		{"1e0", 5, 0, false},
		{" 1", 5, 0, false},
		{"99999999999999999999999", 5, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.token, func(t *testing.T) {
			got, ok := ArrayIndex(tt.token, tt.n)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestEval(t *testing.T) {
	doc, err := jsonvalue.Decode([]byte(`{"batch":[{"userId":"u1"},"s",null],"n":null,"a/b":{"~":1},"x":{"0":"zero"},"dup":1,"dup":2}`), 0)
	require.NoError(t, err)
	tests := []struct {
		ptr   string
		want  string // JSON of the found value
		found bool
	}{
		{"", "", true},
		{"/batch/0/userId", `"u1"`, true},
		{"/batch/1", `"s"`, true},
		{"/batch/2", `null`, true},
		{"/batch/3", "", false},
		{"/batch/-", "", false},
		{"/batch/01", "", false},
		{"/batch/1/0", "", false},
		{"/batch/0/userid", "", false},
		{"/n", `null`, true},
		{"/n/x", "", false},
		{"/a~1b/~0", `1`, true},
		{"/x/0", `"zero"`, true},
		{"/dup", `2`, true},
		{"/missing", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			v, found := MustParse(tt.ptr).Eval(doc)
			require.Equal(t, tt.found, found)
			if found && tt.ptr != "" {
				got, err := json.Marshal(v)
				require.NoError(t, err)
				assert.Equal(t, tt.want, string(got))
			}
		})
	}
}

// TestRFC6901Examples evaluates the examples of RFC 6901 section 5.
func TestRFC6901Examples(t *testing.T) {
	suite := testfiles.RFC6901Examples(t)
	doc, err := jsonvalue.Decode(suite.Document, 0)
	require.NoError(t, err)
	for _, c := range suite.Cases {
		t.Run(c.Pointer, func(t *testing.T) {
			p, err := Parse(c.Pointer)
			require.NoError(t, err)
			got, found := p.Eval(doc)
			require.True(t, found)
			wantV, err := jsonvalue.Decode(c.Want(suite.Document), 0)
			require.NoError(t, err)
			assert.Equal(t, mustJSON(t, wantV), mustJSON(t, got))
		})
	}
}

// TestJSONSchemaPointerFormat checks Parse's verdict against the JSON Schema test
// suite's json-pointer format tests (string instances only).
func TestJSONSchemaPointerFormat(t *testing.T) {
	for _, c := range testfiles.PointerFormatCases(t) {
		t.Run(c.Description, func(t *testing.T) {
			p, err := Parse(c.S)
			assert.Equal(t, c.Valid, err == nil, "Parse(%q) = %v", c.S, err)
			if err == nil {
				assert.Equal(t, c.S, p.String())
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
