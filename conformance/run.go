package conformance

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
)

// Status is the outcome of one case.
type Status int

// The statuses.
const (
	// Pass: the target did what the case wants.
	Pass Status = iota
	// Fail: the target did something else, and no known difference of the run's
	// profile explains it.
	Fail
	// KnownDifference: the target showed the behaviour that the run's profile
	// states for the case (or one of the profile's conventions).
	KnownDifference
	// Skip: the case, or the part of it that was not already compared, could not
	// be run against the target; Outcome.Detail says why.
	Skip
	// NotObservable: the profile states a difference for the case that lies
	// behind an answer a conforming implementation gives too (a result behind a
	// 200, say), and the target gave that answer: the difference cannot be seen
	// over this target, so the case neither passes nor fails.
	NotObservable
	// Stale: the profile states a behaviour for the case that the target did
	// not show. The profile is out of date, which fails the run as a failure
	// does.
	Stale
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
	case NotObservable:
		return "not observable"
	case Stale:
		return "stale"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Outcome is the result of running one case against a target.
type Outcome struct {
	Case   *Case
	Status Status
	// Detail explains a failure, a known difference, a skip or a stale tag.
	Detail string
	// Difference is the profile's known difference for the case, if any.
	Difference *Difference
	// Convention names the profile convention that excused the answer
	// ("successWithoutTemplate", "errorBodyWithoutTemplate"), if any.
	Convention string
	// Err is the target's error when it gave no answer (a *TransportError, or
	// ErrUnreachable when the runner gave up on the target).
	Err      error
	Duration time.Duration
}

// Options tune Execute and RunCase.
type Options struct {
	// Profile, when set, holds the known differences of the implementation
	// under test; without one nothing is excused.
	Profile *Profile
	// Parallel is how many cases run at once; GOMAXPROCS when zero or less.
	Parallel int
	// CaseTimeout, when positive, is each case's deadline: a target that gives
	// no answer in time fails the case (or shows the profile's "hang").
	CaseTimeout time.Duration
	// RecoverTimeout bounds how long Execute waits for a target that stopped
	// answering to answer again (see Pinger); one minute when zero or less.
	RecoverTimeout time.Duration
	// Log, when set, receives the runner's messages about the target (once per
	// stall, not once per case).
	Log func(msg string)
}

// Pinger is implemented by targets that can tell whether they answer at all;
// Execute pings a target that stopped answering until it answers again.
type Pinger interface {
	Ping(ctx context.Context) error
}

// ErrNoCases is returned by Execute for an empty case list: a suite without data
// must not pass.
var ErrNoCases = errors.New("conformance: no cases to run")

// ErrUnreachable is the Outcome.Err of the cases that Execute did not run
// because the target stopped answering and did not recover in time.
var ErrUnreachable = errors.New("conformance: the target stopped answering")

// Execute runs cases against target and returns one Outcome per case, in the
// order of cases. It fails when cases is empty, when a case is invalid (see
// Case.Validate), or when the profile names a case that is not among cases.
//
// A target that stops answering does not stall the run: each case has
// opts.CaseTimeout, and after a case without an answer Execute sends nothing
// new, logs one message, pings the target (when it is a Pinger) until it
// answers again or opts.RecoverTimeout passes, runs each case that got no
// answer once more, alone, and goes on: only a case that stops the target when
// it runs alone fails. When the target does not recover, the unanswered cases
// keep their failure and the cases not run are failed with ErrUnreachable. Cases whose profile behaviour
// is "hang" run last, one at a time, and the runner does not wait for the
// target to recover from the last of them.
func Execute(ctx context.Context, target Target, cases []*Case, opts Options) ([]Outcome, error) {
	if len(cases) == 0 {
		return nil, ErrNoCases
	}
	var errs []error
	for _, c := range cases {
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.ID(), err))
		}
	}
	if opts.Profile != nil {
		errs = append(errs, opts.Profile.CheckCases(cases))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	e := &executor{ctx: ctx, target: target, cases: cases, opts: opts, out: make([]Outcome, len(cases))}
	var normal, hanging []int
	for i, c := range cases {
		if d := opts.Profile.For(c); d != nil && d.Expect.Hang {
			hanging = append(hanging, i)
		} else {
			normal = append(normal, i)
		}
	}
	e.runParallel(normal)
	e.runHanging(hanging)
	return e.out, nil
}

type executor struct {
	ctx    context.Context
	target Target
	cases  []*Case
	opts   Options
	out    []Outcome
	gaveUp bool // the target did not recover: run nothing more
}

func (e *executor) log(format string, args ...any) {
	if e.opts.Log != nil {
		e.opts.Log(fmt.Sprintf(format, args...))
	}
}

type ran struct {
	i int
	o Outcome
}

// runParallel runs the cases at idx, opts.Parallel at a time. On a case without
// an answer it sends nothing new, waits for the in-flight cases and for the
// target to answer again, runs each case that got no answer once more, alone
// (so that the one that stops the target is the only one to fail, whichever
// timed out first), and goes on.
func (e *executor) runParallel(idx []int) {
	n := e.opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	queue := idx
	var unanswered []int
	done := make(chan ran)
	inflight, paused := 0, false
	for len(queue) > 0 || inflight > 0 {
		for !paused && inflight < n && len(queue) > 0 {
			i := queue[0]
			queue = queue[1:]
			inflight++
			go func() { done <- ran{i, e.runOne(i)} }()
		}
		r := <-done
		inflight--
		e.out[r.i] = r.o
		if errors.As(r.o.Err, new(*TransportError)) {
			unanswered = append(unanswered, r.i)
			if !paused {
				paused = true
				e.log("%s stopped answering at %s (%v): sending nothing new until it answers again", e.target.Name(), r.o.Case.ID(), r.o.Err)
			}
		}
		if paused && inflight == 0 {
			if !e.recover() || !e.runAlone(unanswered) {
				e.giveUp(queue) // the unanswered cases keep their failure
				return
			}
			paused, unanswered = false, nil
		}
	}
}

// runAlone runs the cases at idx again, one at a time, waiting for the target
// after each that gets no answer again; it reports whether the target answers
// at the end.
func (e *executor) runAlone(idx []int) bool {
	for _, i := range idx {
		e.out[i] = e.runOne(i)
		if errors.As(e.out[i].Err, new(*TransportError)) {
			e.out[i].Detail += "\n(no answer the second time either, run alone)"
			e.log("%s stopped answering again at %s, run alone (%v)", e.target.Name(), e.out[i].Case.ID(), e.out[i].Err)
			if !e.recover() {
				return false // the cases not run again keep their first failure
			}
		}
	}
	return true
}

// runHanging runs the cases whose profile behaviour is "hang", one at a time;
// between two of them it waits for the target to answer again.
func (e *executor) runHanging(idx []int) {
	for k, i := range idx {
		if e.gaveUp {
			e.giveUp(idx[k:])
			return
		}
		e.out[i] = e.runOne(i)
		if k < len(idx)-1 && e.out[i].Status == KnownDifference && !e.recover() {
			e.giveUp(idx[k+1:])
			return
		}
	}
}

func (e *executor) runOne(i int) Outcome {
	o, err := RunCase(e.ctx, e.target, e.cases[i], e.opts)
	if err != nil { // Execute validated every case
		return Outcome{Case: e.cases[i], Status: Fail, Detail: err.Error(), Err: err}
	}
	return o
}

// recover waits for the target to answer a ping, at most opts.RecoverTimeout,
// and says how it went.
func (e *executor) recover() bool {
	p, ok := e.target.(Pinger)
	if !ok {
		return true
	}
	limit := e.opts.RecoverTimeout
	if limit <= 0 {
		limit = time.Minute
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(e.ctx, limit)
	defer cancel()
	for {
		pctx, pcancel := context.WithTimeout(ctx, 2*time.Second)
		err := p.Ping(pctx)
		pcancel()
		if err == nil {
			e.log("%s answers again after %s", e.target.Name(), time.Since(start).Round(100*time.Millisecond))
			return true
		}
		select {
		case <-ctx.Done():
			e.log("%s did not answer again within %s (%v): giving up on it", e.target.Name(), limit, err)
			return false
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// giveUp fails the cases at idx with ErrUnreachable.
func (e *executor) giveUp(idx []int) {
	e.gaveUp = true
	for _, i := range idx {
		e.out[i] = Outcome{Case: e.cases[i], Status: Fail, Err: ErrUnreachable,
			Detail: fmt.Sprintf("not run: %s stopped answering and did not recover", e.target.Name())}
	}
}

// RunCase runs one case against target and compares what it observed with what
// the case wants, and with the known difference of opts.Profile for the case.
// It returns an error, and runs nothing, when the case is invalid (see
// Case.Validate), as a case built by hand can be.
func RunCase(ctx context.Context, target Target, c *Case, opts Options) (Outcome, error) {
	if err := c.Validate(); err != nil {
		return Outcome{}, fmt.Errorf("conformance: %s: %w", c.ID(), err)
	}
	if opts.CaseTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.CaseTimeout)
		defer cancel()
	}
	start := time.Now()
	o := runCase(ctx, target, c, opts)
	o.Case, o.Duration = c, time.Since(start)
	return o, nil
}

func runCase(ctx context.Context, target Target, c *Case, opts Options) Outcome {
	if c.Skip != "" {
		return Outcome{Status: Skip, Detail: "skipped by the case: " + c.Skip}
	}
	d := opts.Profile.For(c)
	obs, err := target.Observe(ctx, c)
	var te *TransportError
	switch {
	case errors.As(err, &te) && te.Timeout:
		if d != nil && d.Expect.Hang {
			return Outcome{Status: KnownDifference, Difference: d, Err: err,
				Detail: fmt.Sprintf("hang, as profile %s states (row %s): %v", opts.Profile.Implementation, d.Row, err)}
		}
		return Outcome{Status: Fail, Err: err, Difference: d, Detail: fmt.Sprintf("the target %s gave no answer: %v", target.Name(), err)}
	case err != nil:
		return Outcome{Status: Fail, Err: err, Difference: d, Detail: fmt.Sprintf("the target %s failed: %v", target.Name(), err)}
	case obs == nil:
		return Outcome{Status: Fail, Difference: d, Detail: fmt.Sprintf("the target %s observed nothing", target.Name())}
	case obs.Skip != "":
		if d != nil {
			return stale(opts.Profile, d, "the case is skipped: "+obs.Skip)
		}
		return Outcome{Status: Skip, Detail: obs.Skip}
	}
	v := check(c, obs, opts.Profile)
	failures := strings.Join(v.failures, "\n")
	if d != nil {
		switch {
		case obs.Response == nil:
			return stale(opts.Profile, d, "the target reports no response to compare with")
		case !d.Expect.matches(obs.Response):
			detail := "got " + describe(obs.Response)
			if failures != "" {
				detail += "\n" + failures
			} else {
				detail += ": the case passes, the difference is gone"
			}
			return stale(opts.Profile, d, detail)
		case failures == "" && d.NotObservable:
			return Outcome{Status: NotObservable, Difference: d, Convention: v.convention,
				Detail: fmt.Sprintf("not observable over HTTP: %s is the answer of a conforming implementation too; the difference (row %s) lies behind it", describe(obs.Response), d.Row)}
		case failures == "":
			return stale(opts.Profile, d, "got "+describe(obs.Response)+" and the case passes: the difference is gone")
		case d.NotObservable:
			return stale(opts.Profile, d, "the profile says the difference is not observable, but the case fails:\n"+failures)
		}
		return Outcome{Status: KnownDifference, Difference: d,
			Detail: fmt.Sprintf("%s, as profile %s states (row %s)\n%s", d.Expect, opts.Profile.Implementation, d.Row, failures)}
	}
	switch {
	case failures != "":
		return Outcome{Status: Fail, Detail: failures}
	case v.convention != "":
		return Outcome{Status: KnownDifference, Convention: v.convention,
			Detail: fmt.Sprintf("profile %s, convention %s: %s", opts.Profile.Implementation, v.convention, v.note)}
	case v.skip != "" && v.checked:
		return Outcome{Status: Skip, Detail: "the rest passed; not checked: " + v.skip}
	case v.skip != "":
		return Outcome{Status: Skip, Detail: v.skip}
	}
	return Outcome{Status: Pass}
}

func stale(p *Profile, d *Difference, detail string) Outcome {
	return Outcome{Status: Stale, Difference: d,
		Detail: fmt.Sprintf("profile %s states %s (row %s), which did not occur: %s", p.Implementation, d.Expect, d.Row, detail)}
}
