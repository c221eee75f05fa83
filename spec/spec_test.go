package spec_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/spec"
)

func TestParseManifestKeepsEverything(t *testing.T) {
	m, err := spec.ParseManifest([]byte(`{"name":"CDP","version":"1.0.0","capabilities":{"other":{"x":1},"syncedSegment":{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":"{}"}}}`))
	require.NoError(t, err)
	assert.Equal(t, "CDP", m.Name)
	v, ok := m.Raw.Get("version")
	assert.True(t, ok)
	assert.Equal(t, "1.0.0", v)
	ss := m.Capabilities.SyncedSegment
	require.NotNil(t, ss)
	assert.Equal(t, "{}", *ss.JSONResponseBody)
	rp := ss.RequestParser
	require.NotNil(t, rp)
	assert.Equal(t, "/e", *rp.EnvironmentIDPath)
	assert.Nil(t, rp.ContextKindPath)
	assert.Nil(t, rp.ArrayInclusion)
	assert.Equal(t, "", *rp.MemberArrayParser.MemberIDPath)
}

func TestParseManifestStructuralProblems(t *testing.T) {
	m, err := spec.ParseManifest([]byte(`{"capabilities":{"syncedSegment":{"requestParser":{"environmentIdPath":["/e"],"cohortIdPath":"/c","x":1}}}}`))
	require.NotNil(t, m, "a manifest with structural problems is still returned")
	var ps spec.Problems
	require.True(t, errors.As(err, &ps))
	assert.Equal(t, ps, m.Problems)
	require.Len(t, ps, 2)
	assert.Equal(t, "/capabilities/syncedSegment/requestParser/environmentIdPath", ps[0].Pointer)
	assert.Equal(t, spec.CodeWrongType, ps[0].Code)
	assert.Equal(t, "/capabilities/syncedSegment/requestParser/x", ps[1].Pointer)
	assert.Equal(t, spec.CodeUnknownProperty, ps[1].Code)
	assert.Equal(t, "/c", *m.Capabilities.SyncedSegment.RequestParser.CohortIDPath, "sound fields are kept")
}

func TestParseSyncedSegmentPointers(t *testing.T) {
	_, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"memberArrayParser":{"memberIdPath":7}}}`))
	var ps spec.Problems
	require.True(t, errors.As(err, &ps))
	require.Len(t, ps, 1)
	assert.Equal(t, "/capabilities/syncedSegment/requestParser/memberArrayParser/memberIdPath", ps[0].Pointer)
}

func TestProblems(t *testing.T) {
	ps := spec.Problems{
		{Pointer: "/b", Code: spec.CodeRequired, Message: "b"},
		{Pointer: "/a", Code: spec.CodeIgnoredField, Severity: spec.SeverityWarning, Message: "w"},
		{Pointer: "/a", Code: spec.CodeWrongType, Message: "a"},
	}
	ps.Sort()
	assert.Equal(t, "/a: a\n/a: warning: w\n/b: b", ps.Error())
	assert.Len(t, ps.Errors(), 2)
	assert.Len(t, ps.Warnings(), 1)
	assert.Error(t, ps.Err())
	assert.NoError(t, ps.Warnings().Err())
}

// TestProblemCause: a problem's typed cause is reachable with errors.Is and
// errors.As, from the Problem and from the Problems holding it.
func TestProblemCause(t *testing.T) {
	_, err := spec.ParseManifest([]byte(`{"a": 1,}`))
	var se *jsonvalue.SyntaxError
	require.ErrorAs(t, err, &se, "the JSON syntax error is the cause")
	var p *spec.Problem
	require.ErrorAs(t, err, &p)
	assert.Equal(t, spec.CodeInvalidJSON, p.Code)
	assert.Same(t, se, p.Err)

	cause := errors.New("cause")
	ps := spec.Problems{
		{Pointer: "/a", Code: spec.CodeWrongType, Message: "a"},
		{Pointer: "/b", Code: spec.CodeInvalidTemplate, Message: "b", Err: fmt.Errorf("wrapped: %w", cause)},
	}
	assert.ErrorIs(t, ps, cause)
	assert.ErrorIs(t, ps[1], cause)
	assert.NotErrorIs(t, ps[0], cause)
	assert.Equal(t, "/b: b", ps[1].Error(), "the cause does not change the message")
}
