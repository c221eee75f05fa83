package spec_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/spec"
)

func TestProblemsPlace(t *testing.T) {
	manifest := []byte("{\n  \"a\": 1,\n  \"b\": {\"c\": \"ü\", \"d\": 2}\n}")
	ps := spec.Problems{
		{Pointer: "/b/d", Code: spec.CodeWrongType, Message: "d"},
		{Pointer: "/a", Code: spec.CodeIgnoredField, Severity: spec.SeverityWarning, Message: "a", Excerpt: "    x\n    ^"},
		{Pointer: "/b/missing", Code: spec.CodeRequired, Message: "missing"},
		{Pointer: "/b/d", Code: spec.CodeConflict, Message: "d again"},
	}
	want := []spec.Placed{
		{Severity: "warning", Code: spec.CodeIgnoredField, Pointer: "/a", Line: 2, Column: 8, Offset: 9, Message: "a", Excerpt: "    x\n    ^"},
		// A missing property is placed at the object it is missing from.
		{Severity: "error", Code: spec.CodeRequired, Pointer: "/b/missing", Line: 3, Column: 8, Offset: 19, Message: "missing"},
		// Problems at one place keep their order; columns count characters.
		{Severity: "error", Code: spec.CodeWrongType, Pointer: "/b/d", Line: 3, Column: 24, Offset: 36, Message: "d"},
		{Severity: "error", Code: spec.CodeConflict, Pointer: "/b/d", Line: 3, Column: 24, Offset: 36, Message: "d again"},
	}
	if diff := cmp.Diff(want, ps.Place(manifest)); diff != "" {
		t.Errorf("Place (-want +got):\n%s", diff)
	}
	if got := spec.Problems(nil).Place(manifest); len(got) != 0 {
		t.Errorf("no problems placed as %v", got)
	}
}
