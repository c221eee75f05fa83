package spec

import (
	"strings"

	"github.com/segsync/segsync/jsonpath"
)

// Scoped returns the structural problems that concern the parts of the
// manifest at the given pointers: the problems at or below one of them, and the
// problems of the manifest as a whole (the ones outside every capability and
// outside the top-level formVariables, such as a "capabilities" that is not an
// object). A program compiled from one capability reports these, so that a
// broken trigger does not stop a sound syncedSegment from compiling.
func (m *Manifest) Scoped(at ...jsonpath.Pointer) Problems {
	var out Problems
	for _, p := range m.Problems {
		if within(p.Pointer, at) || !scopedElsewhere(p.Pointer) {
			out = append(out, p)
		}
	}
	return out
}

// within reports whether ptr is one of the pointers of at or below one.
func within(ptr string, at []jsonpath.Pointer) bool {
	for _, a := range at {
		if ptr == string(a) || strings.HasPrefix(ptr, string(a)+"/") {
			return true
		}
	}
	return false
}

// scopedElsewhere reports whether ptr lies inside one capability or the
// top-level form variables, where only that part's programs report it.
func scopedElsewhere(ptr string) bool {
	toks := jsonpath.Pointer(ptr).Tokens()
	switch {
	case len(toks) >= 2 && toks[0] == "capabilities":
		return true
	case len(toks) >= 1 && toks[0] == "formVariables":
		return true
	}
	return false
}
