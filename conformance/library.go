package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Library is the Target that runs segsync's own spec loader and parser in
// process. It observes compile problems, results, payload errors and the
// responses parser.Program.Respond renders, and for a case of another
// capability (Case.Capability) the output of that parser, compiled by package
// capability.
type Library struct{}

// Name returns "library".
func (Library) Name() string { return "library" }

// Observe loads and compiles the case's spec with its integration key and limits,
// then parses its payload, if any, and renders the response with the case's
// response options.
func (Library) Observe(_ context.Context, c *Case) (*Observation, error) {
	var (
		m   *spec.Manifest
		err error
	)
	if c.Spec != nil {
		m, err = spec.ParseSyncedSegment(c.Spec)
	} else {
		m, err = spec.ParseManifest(c.ManifestBytes())
	}
	if m == nil {
		return compileObservation(err)
	}
	opts := []parser.Option{parser.WithIntegrationKey(c.IntegrationKey)}
	if l := c.Limits; l != nil {
		opts = append(opts, parser.WithLimits(parser.Limits{
			MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxMembers: l.MaxMembers, MaxValueBytes: l.MaxValueBytes,
		}))
	}
	if !c.IsSyncedSegment() {
		return observeCapability(m, c, opts)
	}
	prog, err := parser.Compile(m, opts...)
	return observe(c, prog, err, (*parser.Program).Parse, func(obs *Observation, res *parser.Result, payload []byte) error {
		if res != nil {
			obs.Result = result(res)
		}
		respond(obs, prog, c, payload)
		return nil
	})
}

// observeCapability compiles the parser of another capability by name
// (package capability) and runs it over the case's payload, if any.
func observeCapability(m *spec.Manifest, c *Case, opts []parser.Option) (*Observation, error) {
	prog, err := capability.Compile(m, c.Capability, opts...)
	return observe(c, prog, err, capability.Program.Parse, func(obs *Observation, out any, _ []byte) (err error) {
		if out != nil {
			if obs.Output, err = json.Marshal(out); err != nil {
				return fmt.Errorf("encoding the output: %w", err)
			}
		}
		return nil
	})
}

// observe records a compiled program's problems and runs it over the case's
// payload, if any: a payload error is observed as such, an accepted payload's
// result, and the payload, are handed to then, which also runs for a rejected
// payload, with a zero result.
func observe[P interface{ Warnings() spec.Problems }, R any](c *Case, prog P, err error, parse func(P, []byte) (R, error),
	then func(*Observation, R, []byte) error) (*Observation, error) {
	if err != nil {
		return compileObservation(err)
	}
	obs := &Observation{Compile: &Compilation{Errors: []Problem{}, Warnings: problems(prog.Warnings())}}
	payload, ok := c.PayloadBytes()
	if !ok {
		return obs, nil
	}
	res, err := parse(prog, payload)
	var perr *parser.Error
	switch {
	case errors.As(err, &perr):
		obs.Error = &PayloadError{Status: perr.Status, Code: string(perr.Code), Pointer: perr.Pointer.String(), Field: perr.Field}
		var zero R
		res = zero
	case err != nil:
		return nil, fmt.Errorf("parse: %w", err)
	}
	if err := then(obs, res, payload); err != nil {
		return nil, err
	}
	return obs, nil
}

func compileObservation(err error) (*Observation, error) {
	var ps spec.Problems
	if !errors.As(err, &ps) {
		return nil, fmt.Errorf("compile: %w", err)
	}
	return &Observation{Compile: &Compilation{Errors: problems(ps.Errors()), Warnings: problems(ps.Warnings())}}, nil
}

func problems(ps spec.Problems) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = Problem{Pointer: p.Pointer, Code: string(p.Code)}
	}
	return out
}

func result(r *parser.Result) *Result {
	out := &Result{EnvironmentID: r.EnvironmentID, ContextKind: r.ContextKind, Segments: make([]Segment, len(r.Segments))}
	for i, s := range r.Segments {
		out.Segments[i] = Segment{
			CohortID: s.CohortID, CohortName: s.CohortName, CohortURL: s.CohortURL, SegmentKey: s.SegmentKey,
			Add: s.Add.Strings(), Remove: s.Remove.Strings(),
		}
	}
	return out
}
