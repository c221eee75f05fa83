package conformance_test

import (
	"context"
	"fmt"
	"os"

	"github.com/segsync/segsync/conformance"
)

// Example runs the bundled cases against segsync's own parser and prints the
// totals and the summary of the first case's group. Against a server, use
// &conformance.HTTP{BaseURL: ...} after serving the manifests that
// ExportManifests writes.
func Example() {
	cases, err := conformance.Bundled()
	if err != nil {
		panic(err)
	}
	outcomes, err := conformance.Execute(context.Background(), conformance.Library{}, cases, conformance.Options{})
	if err != nil {
		panic(err)
	}
	total := conformance.Summarize(outcomes)
	t := total[len(total)-1]
	fmt.Println("failed:", t.Failed, "known differences:", t.KnownDiffs)
	fmt.Println(conformance.Totals(outcomes[:1]))
	_ = conformance.WriteSummary(os.Stdout, outcomes[:1])
	// Output:
	// failed: 0 known differences: 0
	// 1 case: 1 passed
	// group        passed  failed  known differences  skipped  not observable  stale
	// action-mode  1       0       0                  0        0               0
	// total        1       0       0                  0        0               0
}

// ExampleBundledProfile loads the known differences of the framework's
// TypeScript validation server, the profile that
// `segsync conformance --profile ts-validation-server` selects.
func ExampleBundledProfile() {
	p, err := conformance.BundledProfile("ts-validation-server")
	if err != nil {
		panic(err)
	}
	c := &conformance.Case{Group: "action-mode", Name: "matcher-nested-quantifier"}
	d := p.For(c)
	fmt.Println(p.Implementation, d.Expect, d.Row)
	fmt.Println(p.Conventions.SuccessWithoutTemplate.Expect)
	// Output:
	// ts-validation-server hang catastrophic-backtracking
	// 200 empty
}
