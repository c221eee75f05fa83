package conformance

import (
	"context"
	"errors"
	"fmt"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Library is the Target that runs segsync's own spec loader and parser in
// process. It observes compile problems, results, payload errors and the
// responses parser.Program.Respond renders.
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
	prog, err := parser.Compile(m, opts...)
	if err != nil {
		return compileObservation(err)
	}
	obs := &Observation{Compile: &Compilation{Errors: []Problem{}, Warnings: problems(prog.Warnings())}}
	payload, ok := c.PayloadBytes()
	if !ok {
		return obs, nil
	}
	res, err := prog.Parse(payload)
	var perr *parser.Error
	switch {
	case errors.As(err, &perr):
		obs.Error = &PayloadError{Status: perr.Status, Code: string(perr.Code), Pointer: perr.Pointer.String(), Field: perr.Field}
	case err != nil:
		return nil, fmt.Errorf("parse: %w", err)
	default:
		obs.Result = result(res)
	}
	respond(obs, prog, c, payload)
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
			Add: s.Add, Remove: s.Remove,
		}
	}
	return out
}
