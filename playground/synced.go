package playground

import (
	"errors"
	"fmt"
	"strings"

	"github.com/segsync/segsync/internal/jsonloc"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/payloadgen"
	"github.com/segsync/segsync/spec"
)

// runSyncedSegment compiles the manifest's syncedSegment requestParser and
// answers the payload as the endpoint would.
func runSyncedSegment(req *RunRequest) (*RunResponse, error) {
	manifest := []byte(req.Manifest)
	out := &RunResponse{Problems: []spec.Placed{}}
	prog, err := parser.CompileJSON(manifest, parser.WithIntegrationKey(req.IntegrationKey))
	if err != nil {
		return compileFailed(out, manifest, err)
	}
	out.Compiled = true
	out.Problems = prog.Warnings().Place(manifest)
	if strings.TrimSpace(req.Payload) == "" {
		return out, nil
	}
	payload := []byte(req.Payload)
	opts := parser.ResponseOptions{ProjectKey: req.ProjectKey, EnvironmentKey: req.EnvironmentKey}
	resp, res, err := prog.Respond(payload, opts)
	var perr *parser.Error
	if err != nil && !errors.As(err, &perr) {
		return nil, &RequestError{Status: 500, Code: CodeInternal, Message: fmt.Sprintf("running the payload: %v", err)}
	}
	if perr != nil {
		out.Error = placePayloadError(payload, perr)
	} else {
		out.Result = res
	}
	if resp != nil {
		out.Response = &Response{Status: resp.Status, Body: resp.Body}
		if resp.Body == nil {
			out.Response.Body = []byte("null")
		}
		if resp.RenderErr != nil {
			out.Response.RenderError = resp.RenderErr.Error()
		}
	}
	return out, nil
}

// exampleSyncedSegment makes a valid payload of the manifest's syncedSegment
// requestParser, as `segsync example` does.
func exampleSyncedSegment(req *ExampleRequest) (*ExampleResponse, error) {
	manifest := []byte(req.Manifest)
	members, seed := 2, uint64(1)
	if req.Members != nil {
		members = *req.Members
	}
	if req.Seed != nil {
		seed = *req.Seed
	}
	if members < 0 || members > MaxExampleMembers {
		return nil, &RequestError{Status: 400, Code: CodeBadRequest, Message: fmt.Sprintf("members must be 0 to %d, not %d", MaxExampleMembers, members)}
	}
	out := &ExampleResponse{Problems: []spec.Placed{}}
	shape, err := payloadgen.NewShape(manifest, parser.WithIntegrationKey(req.IntegrationKey))
	var se *payloadgen.ShapeError
	switch {
	case errors.As(err, &se):
		out.Problems = se.Problems.Place(manifest)
		out.Message = "the manifest does not compile: fix its errors first"
		return out, nil
	case err != nil:
		return nil, &RequestError{Status: 500, Code: CodeInternal, Message: fmt.Sprintf("reading the manifest: %v", err)}
	}
	out.Problems = shape.Program.Warnings().Place(manifest)
	p, err := payloadgen.New(shape, seed).Example(payloadgen.ExampleOptions{Members: members, Remove: req.Remove})
	if err != nil {
		// ErrUnsatisfiable, or too few members for the spec's pointers: the
		// manifest's fault, said as it is.
		out.Message = err.Error()
		return out, nil
	}
	out.Payload = string(payloadgen.Indent(p.Bytes())) + "\n"
	return out, nil
}

// compileFailed is the answer for a manifest that did not compile: its
// problems placed in out, or a RequestError when err is not spec.Problems.
func compileFailed(out *RunResponse, manifest []byte, err error) (*RunResponse, error) {
	var ps spec.Problems
	if !errors.As(err, &ps) {
		return nil, &RequestError{Status: 500, Code: CodeInternal, Message: fmt.Sprintf("compiling the manifest: %v", err)}
	}
	out.Problems = ps.Place(manifest)
	return out, nil
}

// placePayloadError places a payload error in the payload's text: at its byte
// offset when it has no pointer, otherwise at the value its pointer names.
func placePayloadError(payload []byte, e *parser.Error) *PayloadError {
	var pos jsonloc.Position
	if e.Pointer == "" {
		pos = jsonloc.At(payload, int(e.Offset))
	} else {
		pos, _ = jsonloc.Find(payload, e.Pointer)
	}
	return &PayloadError{Error: e, Line: pos.Line, Column: pos.Column}
}
