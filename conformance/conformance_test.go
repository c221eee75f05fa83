package conformance_test

import (
	"testing"

	"github.com/segsync/segsync/conformance"
)

// TestLibrary runs every bundled case against segsync's own parser, strictly: a
// known difference with the validation server is no excuse for segsync.
func TestLibrary(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	conformance.RunCases(t, conformance.Library{}, cases, conformance.Options{})
}

// TestRun runs the bundled cases through Run, the entry point other
// implementations use.
func TestRun(t *testing.T) {
	conformance.Run(t, conformance.Library{})
}
