package field

import (
	"fmt"

	"github.com/segsync/segsync/internal/suggest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// Problems collects the problems of one compilation.
type Problems struct {
	List spec.Problems
}

// Add records a problem of severity sev and code at manifest pointer at, and
// returns it so that the caller can attach an excerpt or a cause.
func (ps *Problems) Add(sev spec.Severity, at jsonpath.Pointer, code spec.Code, format string, args ...any) *spec.Problem {
	pr := &spec.Problem{Pointer: at.String(), Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)}
	ps.List = append(ps.List, pr)
	return pr
}

// Reported says whether a problem was already reported at pointer at, so that a
// field of the wrong type is not also reported as missing.
func (ps *Problems) Reported(at jsonpath.Pointer) bool {
	for _, p := range ps.List {
		if p.Pointer == at.String() {
			return true
		}
	}
	return false
}

// Required reports a required field that is absent, unless a problem is already
// reported there (a value of the wrong type) or an unknown property beside it is
// its misspelling, which that problem names with the right spelling.
func (ps *Problems) Required(at jsonpath.Pointer, what string) {
	if !ps.Reported(at) && !ps.Misspelt(at) {
		ps.Add(spec.SeverityError, at, spec.CodeRequired, "%s is required", what)
	}
}

// Misspelt reports whether an unknown property beside the field at is its
// misspelling ("cohortIDPath" for "cohortIdPath").
func (ps *Problems) Misspelt(at jsonpath.Pointer) bool {
	toks := at.Tokens()
	if len(toks) == 0 {
		return false
	}
	name := toks[len(toks)-1]
	parent := jsonpath.New(toks[:len(toks)-1]...)
	for _, p := range ps.List {
		ptoks := jsonpath.Pointer(p.Pointer).Tokens()
		if p.Code == spec.CodeUnknownProperty && len(ptoks) == len(toks) &&
			jsonpath.New(ptoks[:len(ptoks)-1]...) == parent && suggest.Closest(ptoks[len(ptoks)-1], []string{name}) != "" {
			return true
		}
	}
	return false
}
