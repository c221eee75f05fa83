package parser_test

import (
	"path/filepath"
	"testing"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// TestProblemMessages pins the wording of every compile problem a partner can
// see, as a golden file: the problems and warnings of every conformance case that
// wants compile errors or warnings, with their excerpts. Tests elsewhere assert
// codes and pointers; this one is where a change of wording shows.
func TestProblemMessages(t *testing.T) {
	got := captest.ProblemMessages(t, 50, (*conformance.Case).IsSyncedSegment, func(c *conformance.Case) (spec.Problems, error) {
		prog, err := parser.CompileJSON(c.ManifestBytes(), parser.WithIntegrationKey(c.IntegrationKey))
		if err != nil {
			return nil, err
		}
		return prog.Warnings(), nil
	})
	// The other capabilities' messages are in capability/testdata/problems.golden.
	testfiles.Golden(t, filepath.Join("testdata", "problems.golden"), got)
}
