package field_test

import (
	"strings"
	"testing"

	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

func TestFields(t *testing.T) {
	at := jsonpath.New("capabilities", "x", "f")
	tests := []struct {
		name     string
		run      func(ps *field.Problems)
		code     spec.Code
		severity spec.Severity
		message  string // a part of the message
	}{
		{"pointer without slash", func(ps *field.Problems) { ps.Pointer("result.state", at) }, spec.CodeInvalidPointer, spec.SeverityError, `did you mean "/result/state"?`},
		{"bad tilde", func(ps *field.Problems) { ps.Pointer("/a~2", at) }, spec.CodeInvalidPointer, spec.SeverityError, `"~" must be followed`},
		{"too many tokens", func(ps *field.Problems) { ps.Pointer(strings.Repeat("/a", field.MaxPointerTokens+1), at) }, spec.CodeTooComplex, spec.SeverityError, "257 tokens"},
		{"bracket token", func(ps *field.Problems) { ps.Pointer("/result[0]/id", at) }, spec.CodeBracketToken, spec.SeverityWarning, `"/result/0/id"`},
		{"lookbehind", func(ps *field.Problems) { ps.Matcher("(?<=x)y", at) }, spec.CodeInvalidMatcher, spec.SeverityError, "lookbehind"},
		{"unclosed block", func(ps *field.Problems) { ps.Template("{{#if a}}", at, "urlTemplate") }, spec.CodeInvalidTemplate, spec.SeverityError, "urlTemplate is not a valid template"},
		{"unknown helper", func(ps *field.Problems) { ps.Template("{{#nope a}}{{/nope}}", at, "jsonBody") }, spec.CodeInvalidTemplate, spec.SeverityError, "jsonBody"},
		{"required", func(ps *field.Problems) { ps.Required(at, "f") }, spec.CodeRequired, spec.SeverityError, "f is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := &field.Problems{}
			tt.run(ps)
			if len(ps.List) != 1 {
				t.Fatalf("got %v, want one problem", ps.List)
			}
			p := ps.List[0]
			if p.Code != tt.code || p.Severity != tt.severity || p.Pointer != at.String() || !strings.Contains(p.Message, tt.message) {
				t.Errorf("got %s %s at %s: %s", p.Severity, p.Code, p.Pointer, p.Message)
			}
		})
	}
}

func TestValidFields(t *testing.T) {
	ps := &field.Problems{}
	at := jsonpath.New("f")
	if ptr, ok := ps.Pointer("/a~1b/0", at); !ok || ptr != jsonpath.New("a/b", "0") {
		t.Errorf("pointer: %q %v", ptr, ok)
	}
	if re := ps.Matcher("^appr(oved)?$", at); re == nil || !re.MatchString("approved") {
		t.Error("matcher")
	}
	if tmpl := ps.Template("{{queryEncode context.approvalId}}", at, "t"); tmpl == nil {
		t.Error("a template with a framework helper")
	}
	if len(ps.List) != 0 {
		t.Errorf("problems: %v", ps.List)
	}
}

// A required field that an unknown property beside it misspells is not also
// reported as missing, nor one already reported (of the wrong type).
func TestRequiredNotTwice(t *testing.T) {
	parent := jsonpath.New("p")
	ps := &field.Problems{List: spec.Problems{
		{Pointer: "/p/statusvalue", Code: spec.CodeUnknownProperty},
		{Pointer: "/p/approvalMatcher", Code: spec.CodeWrongType},
	}}
	ps.Required(parent.Append("statusValue"), "statusValue")
	ps.Required(parent.Append("approvalMatcher"), "approvalMatcher")
	if len(ps.List) != 2 {
		t.Errorf("got %v", ps.List)
	}
}
