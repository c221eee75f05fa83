package extract

import (
	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Pointer compiles the pointer field text (nil when the manifest does not give
// it) located at manifest pointer at, reporting its problems to ps; name is the
// field as payload errors name it. A field that is absent or does not compile is
// not set.
func Pointer(ps *field.Problems, text *string, at jsonpath.Pointer, name string) Field {
	if text == nil {
		return Field{Name: name}
	}
	ptr, ok := ps.Pointer(*text, at)
	return Field{Ptr: ptr, Name: name, Set: ok}
}

// Build compiles a Reader when ps holds no error, reporting pointers that
// cannot be compiled into one scan as too_complex at the parser's manifest
// pointer at; it returns nil when there is an error.
func Build(ps *field.Problems, at jsonpath.Pointer, top []Field, list *List, limits parser.Limits) *Reader {
	if ps.List.Err() != nil {
		return nil
	}
	r, err := Compile(top, list, limits)
	if err != nil {
		ps.Add(spec.SeverityError, at, spec.CodeTooComplex, "the pointers cannot be compiled into one scan: %v", err)
		return nil
	}
	return r
}

// Done finishes the compilation of program p: it returns p, with its warnings
// stored in *warnings, when ps holds no error, else nil and the problems.
func Done[P any](ps *field.Problems, p *P, warnings *spec.Problems) (*P, error) {
	w, err := Finish(ps)
	if err != nil {
		return nil, err
	}
	*warnings = w
	return p, nil
}

// Fail ends a compilation that cannot go on: it returns nil and the problems.
func Fail[P any](ps *field.Problems) (*P, error) {
	_, err := Finish(ps)
	return nil, err
}

// Finish sorts the problems of a compilation and returns them as the error
// when one is an error, else the warnings to keep.
func Finish(ps *field.Problems) (warnings spec.Problems, err error) {
	ps.List.Sort()
	if err := ps.List.Err(); err != nil {
		return nil, ps.List
	}
	return ps.List.Warnings(), nil
}

// Start begins compiling the part of manifest m at pointer at with the options
// of parser.Compile: it returns the problems the part starts with (the
// manifest's structural problems that concern it, spec.Manifest.Scoped) and the
// limits the options set. A nil manifest is one required problem at the root.
func Start(m *spec.Manifest, at jsonpath.Pointer, opts []parser.Option) (*field.Problems, parser.Limits, error) {
	if m == nil {
		return nil, parser.Limits{}, spec.Problems{{Code: spec.CodeRequired, Severity: spec.SeverityError, Message: "no manifest: load one with spec.ParseManifest"}}
	}
	return &field.Problems{List: m.Scoped(at)}, parser.LimitsOf(opts...), nil
}
