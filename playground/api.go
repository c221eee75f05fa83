package playground

import (
	"encoding/json"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// RunRequest is the body of POST /api/run: a manifest and a payload as the
// person typed them, and the values of the response template.
type RunRequest struct {
	// Capability names the program of the manifest to run, "syncedSegment" by
	// default (GET /api/capabilities lists them).
	Capability string `json:"capability"`
	// Manifest is the text of the integration manifest.
	Manifest string `json:"manifest"`
	// Payload is the text of the payload. When it is empty or blank, the
	// manifest is only compiled.
	Payload string `json:"payload"`
	// IntegrationKey names segments as KEY-cohortId ("" for none).
	IntegrationKey string `json:"integrationKey"`
	// ProjectKey and EnvironmentKey are parser.ResponseOptions for the
	// response template; empty ones take its defaults.
	ProjectKey     string `json:"projectKey"`
	EnvironmentKey string `json:"environmentKey"`
}

// RunResponse is the answer of POST /api/run.
type RunResponse struct {
	// Capability is the capability that ran.
	Capability string `json:"capability"`
	// Compiled reports whether the manifest compiled (it may still have
	// warnings).
	Compiled bool `json:"compiled"`
	// Problems lists the manifest's problems, warnings included, in the order
	// of their places in the manifest text; never null.
	Problems []spec.Placed `json:"problems"`
	// Result is what the capability's program makes of an accepted payload
	// (for syncedSegment the normalized *parser.Result); null otherwise.
	Result any `json:"result"`
	// Response is the answer the endpoint gives to the payload; null when the
	// manifest did not compile or there is no payload.
	Response *Response `json:"response"`
	// Error is the error of a rejected payload; null otherwise.
	Error *PayloadError `json:"error"`
}

// Response is the HTTP answer the endpoint gives to a payload.
type Response struct {
	// Status is the HTTP status.
	Status int `json:"status"`
	// Body is the response body as JSON; null for 204.
	Body json.RawMessage `json:"body"`
	// RenderError says why the template's output was replaced by the default
	// error body, when it was.
	RenderError string `json:"renderError,omitempty"`
}

// PayloadError is a parser.Error placed in the payload's text.
type PayloadError struct {
	*parser.Error
	// Line and Column (1-based, the column in Unicode code points) are where
	// the error sits in the payload: the value its pointer names (or the
	// deepest place on the way to it), or its byte offset.
	Line   int `json:"line"`
	Column int `json:"column"`
}

// ExampleRequest is the body of POST /api/example.
type ExampleRequest struct {
	// Capability names the program of the manifest, "syncedSegment" by default.
	Capability string `json:"capability"`
	// Manifest is the text of the integration manifest.
	Manifest string `json:"manifest"`
	// IntegrationKey names segments as KEY-cohortId ("" for none).
	IntegrationKey string `json:"integrationKey"`
	// Members is how many members the payload carries: 0 to MaxExampleMembers;
	// absent for 2.
	Members *int `json:"members"`
	// Remove makes every member a removal.
	Remove bool `json:"remove"`
	// Seed chooses the generated values; the same seed gives the same payload.
	// Absent for 1.
	Seed *uint64 `json:"seed"`
}

// MaxExampleMembers is the most members an example payload may ask for.
const MaxExampleMembers = 1000

// ExampleResponse is the answer of POST /api/example.
type ExampleResponse struct {
	// Payload is the example payload, indented; "" when there is none.
	Payload string `json:"payload"`
	// Problems lists the manifest's problems, as in RunResponse; never null.
	Problems []spec.Placed `json:"problems"`
	// Message says why there is no payload, when there is none (the manifest
	// does not compile, or no payload satisfies it).
	Message string `json:"message,omitempty"`
}

// CapabilityInfo describes one capability in GET /api/capabilities.
type CapabilityInfo struct {
	// Name is the capability's name, as RunRequest.Capability takes it.
	Name string `json:"name"`
	// Example reports whether POST /api/example makes payloads for it.
	Example bool `json:"example"`
	// SampleManifest and SamplePayload are what the page starts with.
	SampleManifest string `json:"sampleManifest"`
	SamplePayload  string `json:"samplePayload"`
}
