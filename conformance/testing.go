package conformance

import (
	"testing"
)

// Run runs every bundled case against target as a parallel subtest named
// "file/case", with no profile: nothing is excused. A failing case fails its
// subtest; a skipped case skips it with the reason. Run fails the test when
// the bundled cases cannot be loaded or there are none.
func Run(t *testing.T, target Target) {
	t.Helper()
	cases, err := Bundled()
	if err != nil {
		t.Fatalf("loading the bundled cases: %v", err)
	}
	RunCases(t, target, cases, Options{})
}

// RunCases is Run over the given cases, with options; opts.Parallel is ignored
// in favour of the test's own parallelism. It fails the test when cases is empty
// and fails a case's subtest when the case is invalid or its profile difference
// is stale; known differences and cases that are not observable skip theirs.
func RunCases(t *testing.T, target Target, cases []*Case, opts Options) {
	t.Helper()
	if len(cases) == 0 {
		t.Fatal(ErrNoCases)
	}
	var groups []string
	byGroup := make(map[string][]*Case)
	for _, c := range cases {
		if _, ok := byGroup[c.Group]; !ok {
			groups = append(groups, c.Group)
		}
		byGroup[c.Group] = append(byGroup[c.Group], c)
	}
	for _, g := range groups {
		t.Run(g, func(t *testing.T) {
			t.Parallel()
			for _, c := range byGroup[g] {
				t.Run(c.Name, func(t *testing.T) {
					t.Parallel()
					o, err := RunCase(t.Context(), target, c, opts)
					if err != nil {
						t.Fatal(err)
					}
					switch o.Status {
					case Fail, Stale:
						t.Errorf("%s: %s (%s)\n%s", o.Status, c.ID(), c.Description, o.Detail)
					case KnownDifference, NotObservable:
						t.Skipf("%s: %s", o.Status, o.Detail)
					case Skip:
						t.Skip(o.Detail)
					}
				})
			}
		})
	}
}
