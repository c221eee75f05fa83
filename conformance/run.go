package conformance

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Status is the outcome of one case.
type Status int

// The statuses.
const (
	// Pass: the target did what the case wants.
	Pass Status = iota
	// Fail: the target did something else.
	Fail
	// KnownDifference: the target failed a case whose difference with the
	// framework's validation server is known (SEMANTICS §9); only non-strict
	// runs report it.
	KnownDifference
	// Skip: the case, or the part of it that was not already compared, could not
	// be run against the target; Outcome.Detail says why.
	Skip
)

// String returns the status's name, as the summary prints it.
func (s Status) String() string {
	switch s {
	case Pass:
		return "pass"
	case Fail:
		return "fail"
	case KnownDifference:
		return "known difference"
	case Skip:
		return "skip"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Outcome is the result of running one case against a target.
type Outcome struct {
	Case   *Case
	Status Status
	// Detail explains a failure, a known difference or a skip.
	Detail   string
	Duration time.Duration
}

// Options tune Execute.
type Options struct {
	// Strict reports every failure as Fail, including failures of cases with a
	// knownDifference; use it for implementations that follow segsync's
	// semantics exactly.
	Strict bool
	// Parallel is how many cases run at once; GOMAXPROCS when zero or less.
	Parallel int
}

// ErrNoCases is returned by Execute for an empty case list: a suite without data
// must not pass.
var ErrNoCases = errors.New("conformance: no cases to run")

// Execute runs cases against target and returns one Outcome per case, in the
// order of cases. It fails only when cases is empty.
func Execute(ctx context.Context, target Target, cases []*Case, opts Options) ([]Outcome, error) {
	if len(cases) == 0 {
		return nil, ErrNoCases
	}
	n := opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	out := make([]Outcome, len(cases))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, len(cases)) {
		wg.Go(func() {
			for i := range next {
				out[i] = RunCase(ctx, target, cases[i], opts)
			}
		})
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, nil
}

// RunCase runs one case against target and compares what it observed with what
// the case wants.
func RunCase(ctx context.Context, target Target, c *Case, opts Options) Outcome {
	start := time.Now()
	o := runCase(ctx, target, c, opts)
	o.Case, o.Duration = c, time.Since(start)
	return o
}

func runCase(ctx context.Context, target Target, c *Case, opts Options) Outcome {
	if c.Skip != "" {
		return Outcome{Status: Skip, Detail: "skipped by the case: " + c.Skip}
	}
	obs, err := target.Observe(ctx, c)
	switch {
	case err != nil:
		return Outcome{Status: Fail, Detail: fmt.Sprintf("the target %s failed: %v", target.Name(), err)}
	case obs == nil:
		return Outcome{Status: Fail, Detail: fmt.Sprintf("the target %s observed nothing", target.Name())}
	case obs.Skip != "":
		return Outcome{Status: Skip, Detail: obs.Skip}
	}
	v := check(c, obs)
	if failures := append(v.failures, v.known...); len(failures) > 0 {
		detail := strings.Join(failures, "\n")
		switch {
		case opts.Strict:
		case c.KnownDifference != "":
			return Outcome{Status: KnownDifference, Detail: c.KnownDifference + "\n" + detail}
		case len(v.failures) == 0: // the built-in difference explains every failure
			return Outcome{Status: KnownDifference, Detail: reference200 + "\n" + detail}
		}
		return Outcome{Status: Fail, Detail: detail}
	}
	if v.skip != "" {
		if v.checked {
			return Outcome{Status: Skip, Detail: "the rest passed; not checked: " + v.skip}
		}
		return Outcome{Status: Skip, Detail: v.skip}
	}
	return Outcome{Status: Pass}
}
