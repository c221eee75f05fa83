package parser_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// TestProblemMessages pins the wording of every compile problem a partner can
// see, as a golden file: the problems and warnings of every conformance case that
// wants compile errors or warnings, with their excerpts. Tests elsewhere assert
// codes and pointers; this one is where a change of wording shows.
func TestProblemMessages(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	n := 0
	for _, c := range cases {
		if !c.WantsCompileErrors() && len(c.Warnings) == 0 {
			continue
		}
		n++
		fmt.Fprintf(&b, "== %s\n", c.ID())
		var ps spec.Problems
		prog, err := parser.CompileJSON(c.ManifestBytes(), parser.WithIntegrationKey(c.IntegrationKey))
		switch {
		case err == nil:
			ps = prog.Warnings()
		case !errors.As(err, &ps):
			t.Fatalf("%s: %T %v", c.ID(), err, err)
		}
		for _, p := range ps {
			fmt.Fprintf(&b, "%s\n", p.Error())
		}
	}
	if n < 50 {
		t.Fatalf("only %d cases with compile problems: the corpus did not load", n)
	}
	testfiles.Golden(t, filepath.Join("testdata", "problems.golden"), b.String())
}
