package spec

import (
	"slices"

	"github.com/segsync/segsync/internal/jsonloc"
	"github.com/segsync/segsync/jsonpath"
)

// Placed is a Problem placed in the text of the manifest it was found in: what
// `segsync check --format json` and the playground give for each problem.
type Placed struct {
	// Severity is "error" or "warning" (Severity.String).
	Severity string `json:"severity"`
	// Code names the kind of problem.
	Code Code `json:"code"`
	// Pointer is the JSON pointer of the offending place in the manifest.
	Pointer string `json:"pointer"`
	// Line and Column (1-based, the column in Unicode code points) and Offset
	// (in bytes) are where the pointer's value sits in the text, or the object
	// it is missing from, or the syntax error of a manifest that is not JSON.
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
	// Message explains the problem; its wording may change.
	Message string `json:"message"`
	// Excerpt is the Problem's Excerpt: a template or matcher with a caret
	// under the spot, when the problem carries one.
	Excerpt string `json:"excerpt,omitempty"`
}

// Place places each problem in manifest, the text the problems were found in
// (in one pass over it), and orders them by their places; problems at one place
// keep their order.
func (ps Problems) Place(manifest []byte) []Placed {
	ptrs := make([]jsonpath.Pointer, len(ps))
	for i, p := range ps {
		ptrs[i] = jsonpath.Pointer(p.Pointer)
	}
	found := jsonloc.FindAll(manifest, ptrs)
	out := make([]Placed, len(ps))
	for i, p := range ps {
		out[i] = Placed{
			Severity: p.Severity.String(), Code: p.Code, Pointer: p.Pointer,
			Line: found[i].Line, Column: found[i].Column, Offset: found[i].Offset,
			Message: p.Message, Excerpt: p.Excerpt,
		}
	}
	slices.SortStableFunc(out, func(a, b Placed) int { return a.Offset - b.Offset })
	return out
}
