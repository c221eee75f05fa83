package payloadgen

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsregex"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Shape is what a compiled requestParser reads from a payload: its mode, its
// pointers and its matcher. A Shape is immutable once made and safe for
// concurrent use.
type Shape struct {
	// Program is the compiled requestParser the shape was read from.
	Program *parser.Program
	// Mode is how the program tells adds from removes.
	Mode parser.Mode

	// The top-level pointers; Path.Set is false for an optional one the spec
	// leaves out.
	EnvironmentID, ContextKind, CohortID, CohortName, CohortURL Path
	// Members is memberArrayPath (boolean and action modes); Add and Remove are
	// addMemberArrayPath and removeMemberArrayPath (named arrays).
	Members, Add, Remove Path
	// Action is arrayInclusion.path (action mode).
	Action Path
	// Matcher is arrayInclusion.matcher as the program runs it (action mode).
	Matcher *regexp.Regexp

	// The member pointers, relative to each member. Boolean is set in boolean
	// mode only (action mode ignores a booleanMembershipPath).
	MemberID, Boolean, MemberCohortID, MemberCohortName Path

	// HasTemplate reports whether the manifest has a jsonResponseBody.
	HasTemplate bool
}

// Path is one pointer of a requestParser.
type Path struct {
	// Set is false when the spec leaves the pointer out.
	Set bool
	// Pointer is the pointer as written in the manifest.
	Pointer jsonpath.Pointer
	// Field names the manifest field, as parser.Error.Field does (for example
	// "memberArrayParser.memberIdPath").
	Field string
}

func (p Path) tokens() []string { return p.Pointer.Tokens() }

// ShapeError reports a manifest whose requestParser does not compile: Problems
// lists every problem.
type ShapeError struct {
	Problems spec.Problems
}

// Error formats the error with its first problem.
func (e *ShapeError) Error() string {
	return fmt.Sprintf("the manifest does not compile: %v", e.Problems.Err())
}

// NewShape compiles a manifest with opts and reads its shape. A manifest that
// does not compile is a *ShapeError.
func NewShape(manifest []byte, opts ...parser.Option) (*Shape, error) {
	prog, err := parser.CompileJSON(manifest, opts...)
	if err != nil {
		var ps spec.Problems
		if errors.As(err, &ps) {
			return nil, &ShapeError{Problems: ps}
		}
		return nil, err
	}
	// CompileJSON accepted the manifest, so it parses and has a request parser.
	m, _ := spec.ParseManifest(manifest)
	ss := m.Capabilities.SyncedSegment
	rp := ss.RequestParser
	s := &Shape{
		Program:       prog,
		Mode:          prog.Mode(),
		EnvironmentID: path(rp.EnvironmentIDPath, "environmentIdPath"),
		ContextKind:   path(rp.ContextKindPath, "contextKindPath"),
		CohortID:      path(rp.CohortIDPath, "cohortIdPath"),
		CohortName:    path(rp.CohortNamePath, "cohortNamePath"),
		CohortURL:     path(rp.CohortURLPath, "cohortUrlPath"),
		HasTemplate:   ss.JSONResponseBody != nil,
	}
	if mp := rp.MemberArrayParser; mp != nil {
		s.MemberID = path(mp.MemberIDPath, "memberArrayParser.memberIdPath")
		s.MemberCohortID = path(mp.CohortIDPath, "memberArrayParser.cohortIdPath")
		s.MemberCohortName = path(mp.CohortNamePath, "memberArrayParser.cohortNamePath")
		if s.Mode == parser.ModeBoolean {
			s.Boolean = path(mp.BooleanMembershipPath, "memberArrayParser.booleanMembershipPath")
		}
	}
	switch s.Mode {
	case parser.ModeNamedArrays:
		s.Add = path(rp.AddMemberArrayPath, "addMemberArrayPath")
		s.Remove = path(rp.RemoveMemberArrayPath, "removeMemberArrayPath")
	default:
		s.Members = path(rp.MemberArrayPath, "memberArrayPath")
	}
	if s.Mode == parser.ModeAction {
		ai := rp.ArrayInclusion
		s.Action = path(ai.Path, "arrayInclusion.path")
		re, err := jsregex.Translate(*ai.Matcher)
		if err == nil {
			s.Matcher, err = regexp.Compile(re)
		}
		if err != nil { // Compile accepted it: not reached unless the two disagree
			return nil, fmt.Errorf("payloadgen: the matcher %q: %w", *ai.Matcher, err)
		}
	}
	return s, nil
}

func path(p *string, field string) Path {
	if p == nil {
		return Path{Field: field}
	}
	ptr, _ := jsonpath.Parse(*p) // Compile accepted it
	return Path{Set: true, Pointer: ptr, Field: field}
}

// topPaths returns the top-level text pointers in the order SEMANTICS §4 checks
// them, with whether each is required.
func (s *Shape) topPaths() []textSlot {
	return []textSlot{
		{s.EnvironmentID, true},
		{s.ContextKind, false},
		{s.CohortID, true},
		{s.CohortName, true},
		{s.CohortURL, false},
	}
}

type textSlot struct {
	Path
	required bool
}

// arrays returns the member array pointers the mode reads.
func (s *Shape) arrays() []Path {
	if s.Mode == parser.ModeNamedArrays {
		return []Path{s.Add, s.Remove}
	}
	return []Path{s.Members}
}
