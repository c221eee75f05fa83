package conformance_test

import (
	"context"
	"fmt"
	"os"

	"github.com/segsync/segsync/conformance"
)

// Example runs the bundled cases against segsync's own parser and prints the
// summary by group. Against a server, use &conformance.HTTP{BaseURL: ...}
// after serving the manifests that ExportManifests writes.
func Example() {
	cases, err := conformance.Bundled()
	if err != nil {
		panic(err)
	}
	outcomes, err := conformance.Execute(context.Background(), conformance.Library{}, cases, conformance.Options{Strict: true})
	if err != nil {
		panic(err)
	}
	total := conformance.Summarize(outcomes)
	t := total[len(total)-1]
	fmt.Println("failed:", t.Failed, "known differences:", t.KnownDiffs)
	_ = conformance.WriteSummary(os.Stdout, outcomes[:1])
	// Output:
	// failed: 0 known differences: 0
	// group        passed  failed  known differences  skipped
	// action-mode  1       0       0                  0
	// total        1       0       0                  0
}
