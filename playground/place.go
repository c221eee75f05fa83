package playground

import (
	"slices"

	"github.com/segsync/segsync/internal/jsonloc"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// placeProblems places each problem in the manifest's text (in one pass over
// it) and orders them by their places.
func placeProblems(manifest []byte, ps spec.Problems) []Problem {
	ptrs := make([]jsonpath.Pointer, len(ps))
	for i, p := range ps {
		ptrs[i] = jsonpath.Pointer(p.Pointer)
	}
	found := jsonloc.FindAll(manifest, ptrs)
	out := make([]Problem, len(ps))
	for i, p := range ps {
		sev := "error"
		if p.Severity == spec.SeverityWarning {
			sev = "warning"
		}
		out[i] = Problem{
			Severity: sev, Code: string(p.Code), Pointer: p.Pointer,
			Line: found[i].Line, Column: found[i].Column, Offset: found[i].Offset,
			Message: p.Message, Excerpt: p.Excerpt,
		}
	}
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Offset - b.Offset })
	return out
}
