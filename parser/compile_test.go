package parser_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

const rp = "/capabilities/syncedSegment/requestParser"

// diag is a problem as tests compare it: where, what and how bad.
type diag struct {
	Pointer string
	Code    spec.Code
	Warning bool
}

func diags(ps spec.Problems) []diag {
	out := []diag{}
	for _, p := range ps {
		out = append(out, diag{p.Pointer, p.Code, p.Severity == spec.SeverityWarning})
	}
	return out
}

func TestCompileRules(t *testing.T) {
	tests := []struct {
		name     string
		spec     string // the syncedSegment object
		mode     parser.Mode
		problems []diag // errors and warnings, sorted by pointer
	}{
		{
			name: "boolean mode",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/value"}}}`,
			mode: parser.ModeBoolean,
		},
		{
			name: "action mode",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/action","matcher":"^add$"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			mode: parser.ModeAction,
		},
		{
			name: "named arrays mode",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`,
			mode: parser.ModeNamedArrays,
		},
		{
			name:     "action wins over boolean with a warning",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"^add$"},"memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v"}}}`,
			mode:     parser.ModeAction,
			problems: []diag{{rp + "/memberArrayParser/booleanMembershipPath", spec.CodeIgnoredField, true}},
		},
		{
			name:     "bracket token warning",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/batch[0]/c","cohortNamePath":"/n","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v"}}}`,
			mode:     parser.ModeBoolean,
			problems: []diag{{rp + "/cohortIdPath", spec.CodeBracketToken, true}},
		},
		{
			name: "unknown properties everywhere",
			spec: `{"extra":1,"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","bogus":"/x","arrayInclusion":{"path":"/a","matcher":"x","flags":"i"},"memberArrayParser":{"memberIdPath":"/id","userId":"/u"}}}`,
			problems: []diag{
				{"/capabilities/syncedSegment/extra", spec.CodeUnknownProperty, false},
				{rp + "/arrayInclusion/flags", spec.CodeUnknownProperty, false},
				{rp + "/bogus", spec.CodeUnknownProperty, false},
				{rp + "/memberArrayParser/userId", spec.CodeUnknownProperty, false},
			},
		},
		{
			name: "wrong types",
			spec: `{"jsonResponseBody":{},"requestParser":{"environmentIdPath":1,"cohortIdPath":"/c","cohortNamePath":null,"memberArrayPath":"/m","arrayInclusion":"x","memberArrayParser":[]}}`,
			problems: []diag{
				{"/capabilities/syncedSegment/jsonResponseBody", spec.CodeWrongType, false},
				{rp + "/arrayInclusion", spec.CodeWrongType, false},
				{rp + "/cohortNamePath", spec.CodeWrongType, false},
				{rp + "/environmentIdPath", spec.CodeWrongType, false},
				{rp + "/memberArrayParser", spec.CodeWrongType, false},
				{rp + "/memberArrayPath", spec.CodeNoMode, false},
			},
		},
		{
			name: "required fields",
			spec: `{"requestParser":{"addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{}}}`,
			problems: []diag{
				{rp + "/cohortIdPath", spec.CodeRequired, false},
				{rp + "/cohortNamePath", spec.CodeRequired, false},
				{rp + "/environmentIdPath", spec.CodeRequired, false},
				{rp + "/memberArrayParser/memberIdPath", spec.CodeRequired, false},
			},
		},
		{
			name:     "missing memberArrayParser",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r"}}`,
			problems: []diag{{rp + "/memberArrayParser", spec.CodeRequired, false}},
		},
		{
			name:     "missing requestParser",
			spec:     `{"jsonResponseBody":"{}"}`,
			problems: []diag{{rp, spec.CodeRequired, false}},
		},
		{
			name: "arrayInclusion needs path and matcher",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{
				{rp + "/arrayInclusion/matcher", spec.CodeRequired, false},
				{rp + "/arrayInclusion/path", spec.CodeRequired, false},
			},
		},
		{
			name: "invalid pointers",
			spec: `{"requestParser":{"environmentIdPath":"e","cohortIdPath":"/c~2","cohortNamePath":"/n~","cohortUrlPath":"#/u","memberArrayPath":"/m","arrayInclusion":{"path":"action","matcher":"x"},"memberArrayParser":{"memberIdPath":"id","cohortIdPath":"/~x"}}}`,
			problems: []diag{
				{rp + "/arrayInclusion/path", spec.CodeInvalidPointer, false},
				{rp + "/cohortIdPath", spec.CodeInvalidPointer, false},
				{rp + "/cohortNamePath", spec.CodeInvalidPointer, false},
				{rp + "/cohortUrlPath", spec.CodeInvalidPointer, false},
				{rp + "/environmentIdPath", spec.CodeInvalidPointer, false},
				{rp + "/memberArrayParser/cohortIdPath", spec.CodeInvalidPointer, false},
				{rp + "/memberArrayParser/memberIdPath", spec.CodeInvalidPointer, false},
			},
		},
		{
			name:     "add without remove",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/addMemberArrayPath", spec.CodeUnpaired, false}},
		},
		{
			name:     "remove without add",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/removeMemberArrayPath", spec.CodeUnpaired, false}},
		},
		{
			name: "member array with named arrays",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v"}}}`,
			problems: []diag{
				{rp + "/memberArrayPath", spec.CodeConflict, false},
			},
		},
		{
			name: "arrayInclusion with named arrays",
			spec: `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","arrayInclusion":{"path":"/x","matcher":"y"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{
				{rp + "/arrayInclusion", spec.CodeConflict, false},
				{rp + "/arrayInclusion", spec.CodeRequired, false},
			},
		},
		{
			name:     "boolean without member array",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v"}}}`,
			problems: []diag{{rp + "/memberArrayParser/booleanMembershipPath", spec.CodeRequired, false}},
		},
		{
			name:     "member array without a mode",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/memberArrayPath", spec.CodeNoMode, false}},
		},
		{
			name:     "no member array at all",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp, spec.CodeNoMode, false}},
		},
		{
			name:     "lookahead matcher",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"^(?!remove)"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/arrayInclusion/matcher", spec.CodeInvalidMatcher, false}},
		},
		{
			name:     "backreference matcher",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"(a)\\1"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/arrayInclusion/matcher", spec.CodeInvalidMatcher, false}},
		},
		{
			name:     "quantified anchor matcher",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"^*add"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/arrayInclusion/matcher", spec.CodeInvalidMatcher, false}},
		},
		{
			name:     "unbalanced matcher",
			spec:     `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"^(add"},"memberArrayParser":{"memberIdPath":"/id"}}}`,
			problems: []diag{{rp + "/arrayInclusion/matcher", spec.CodeInvalidMatcher, false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := spec.ParseSyncedSegment([]byte(tt.spec))
			require.NotNil(t, m)
			prog, err := parser.Compile(m)
			var got spec.Problems
			if err != nil {
				require.True(t, errors.As(err, &got), "error %T is not spec.Problems", err)
				require.Nil(t, prog)
			} else {
				got = prog.Warnings()
				require.Equal(t, tt.mode, prog.Mode())
			}
			want := tt.problems
			if want == nil {
				want = []diag{}
			}
			if diff := cmp.Diff(want, diags(got)); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nfull:\n%v", diff, got)
			}
			for _, p := range got {
				require.NotEmpty(t, p.Message)
			}
		})
	}
}

func TestCompileMatcherExcerpt(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"^add(?=_members)"},"memberArrayParser":{"memberIdPath":"/id"}}}`))
	require.NoError(t, err)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.True(t, errors.As(err, &ps))
	require.Len(t, ps, 1)
	require.Equal(t, "    ^add(?=_members)\n        ^", ps[0].Excerpt)
}

func TestCompileMatcherJavaScriptSpelling(t *testing.T) {
	for _, tt := range []struct{ matcher, action string }{
		{`^add\/members$`, "add/members"},
		{`^\u0061dd$`, "add"},
		{`^(?<verb>add|upsert)$`, "upsert"},
		{`add`, "please add these"}, // unanchored, like RegExp.test
		{`^[^*]dd$`, "add"},         // ^ inside a class is no assertion
		{`\\b*add`, "\\add"},        // an escaped backslash, then b*
		{`x{,3}add`, "x{,3}add"},    // {,3} is literal text in both engines
	} {
		t.Run(tt.matcher, func(t *testing.T) {
			prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":`+quote(tt.matcher)+`},"memberArrayParser":{"memberIdPath":""}}}`)
			res, err := prog.Parse([]byte(`{"e":"env","c":"c1","n":"C","a":` + quote(tt.action) + `,"m":["u1"]}`))
			require.NoError(t, err)
			require.Equal(t, []string{"u1"}, res.Segments[0].Add.Strings())
		})
	}
}

func TestParseManifestNotAnObject(t *testing.T) {
	for _, in := range []string{`[]`, `"x"`, `{`, ``} {
		m, err := spec.ParseManifest([]byte(in))
		require.Nil(t, m)
		var ps spec.Problems
		require.True(t, errors.As(err, &ps), "%q: %v", in, err)
		require.Len(t, ps, 1)
	}
}

func TestManifestWithoutCapability(t *testing.T) {
	m, err := spec.ParseManifest([]byte(`{"name":"x","capabilities":{"other":{}}}`))
	require.NoError(t, err)
	require.Equal(t, "x", m.Name)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.True(t, errors.As(err, &ps))
	require.Equal(t, []diag{{"/capabilities/syncedSegment", spec.CodeRequired, false}}, diags(ps))
}

// TestBracketTokenSuggestion: the warning shows the whole path written the JSON
// pointer way.
func TestBracketTokenSuggestion(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/batch[0]/id", `the token "batch[0]" looks like an array index in brackets; JSON pointers write the path as "/batch/0/id"`},
		{"/data/[0]", `the token "[0]" looks like an array index in brackets; JSON pointers write the path as "/data/0"`},
		{"/a[1]/b[20]", `the token "a[1]" looks like an array index in brackets; JSON pointers write the path as "/a/1/b/20"`},
		{"/batch[01]", ""}, // not an index in any spelling
		{"/batch[x]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":`+quote(tt.path)+`,"cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`)
			var got []string
			for _, w := range prog.Warnings() {
				got = append(got, w.Message)
			}
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, []string{tt.want}, got)
		})
	}
}

func TestCompileNil(t *testing.T) {
	p, err := parser.Compile(nil)
	require.Nil(t, p)
	var ps spec.Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 1)
	assert.Equal(t, spec.CodeRequired, ps[0].Code)
	assert.Equal(t, "", ps[0].Pointer)
}

// TestCompileJSON: the manifest's own problems and Compile's come back together as
// spec.Problems, for a manifest that is not JSON too.
func TestCompileJSON(t *testing.T) {
	for _, tt := range []struct {
		manifest string
		codes    []spec.Code
	}{
		{`{"capabilities":{"syncedSegment":`, []spec.Code{spec.CodeInvalidJSON}},
		{`[]`, []spec.Code{spec.CodeWrongType}},
		{`{"capabilities":{"syncedSegment":{"requestParser":{"environmentIdPath":7}}}}`, []spec.Code{spec.CodeNoMode, spec.CodeRequired, spec.CodeRequired, spec.CodeWrongType, spec.CodeRequired}},
	} {
		prog, err := parser.CompileJSON([]byte(tt.manifest))
		assert.Nil(t, prog)
		var ps spec.Problems
		require.True(t, errors.As(err, &ps), "%s: %T %v", tt.manifest, err, err)
		var codes []spec.Code
		for _, p := range ps {
			codes = append(codes, p.Code)
		}
		assert.Equal(t, tt.codes, codes, "%s: %v", tt.manifest, ps)
	}
}
