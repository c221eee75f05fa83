package capability_test

import (
	"path/filepath"
	"testing"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/spec"
)

// TestProblemMessages pins the wording of every problem of the conformance
// cases of the capabilities other than syncedSegment, as a user sees them
// (package parser's golden holds the syncedSegment ones).
func TestProblemMessages(t *testing.T) {
	other := func(c *conformance.Case) bool { return !c.IsSyncedSegment() }
	got := captest.ProblemMessages(t, 10, other, func(c *conformance.Case) (spec.Problems, error) {
		m, err := spec.ParseManifest(c.ManifestBytes())
		if m == nil {
			return nil, err
		}
		prog, err := capability.Compile(m, c.Capability)
		if err != nil {
			return nil, err
		}
		return prog.Warnings(), nil
	})
	testfiles.Golden(t, filepath.Join("testdata", "problems.golden"), got)
}
