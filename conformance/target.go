package conformance

import (
	"context"
	"encoding/json"
)

// Target is an implementation under test. Observe runs one case's spec and
// payload and reports what the implementation did; the runner, not the target,
// compares that with what the case wants. A target fills in only what it can
// observe (an HTTP server shows a response, not a normalized result) and sets
// Observation.Skip for a case it cannot run at all.
//
// Observe may be called concurrently for different cases.
type Target interface {
	// Name names the target in reports, such as "library" or a URL.
	Name() string
	// Observe runs c. An error means the target failed to run the case (a
	// network failure, say); the case is then reported as failed.
	Observe(ctx context.Context, c *Case) (*Observation, error)
}

// Observation is what a Target saw when it ran a case. Nil fields were not
// observed and are not compared.
type Observation struct {
	// Compile holds the compile problems, when the target compiles specs itself.
	Compile *Compilation
	// Result is the normalized result of a payload that was accepted.
	Result *Result
	// Output is the result of a capability other than syncedSegment, as JSON.
	Output json.RawMessage
	// Error is the payload error of a payload that was rejected.
	Error *PayloadError
	// Response is the HTTP response to the payload.
	Response *ObservedResponse
	// ResponseSkipped, when Response is nil, says why the target could not
	// produce a response; a case that wants one is then reported as skipped.
	ResponseSkipped string
	// Skip, when set, says why the target cannot run the case at all.
	Skip string
}

// Compilation holds the problems a target found compiling a case's spec.
type Compilation struct {
	Errors   []Problem
	Warnings []Problem
}

// ObservedResponse is an HTTP response as a target received or rendered it.
type ObservedResponse struct {
	Status int
	Body   []byte
}
