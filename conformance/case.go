package conformance

import (
	"encoding/base64"
	"encoding/json"

	"github.com/segsync/segsync/capability"
)

// Case is one conformance case: a spec, an optional payload and the outcome the
// semantics require. Cases are read from JSON files by [Load]; the JSON names of
// the fields are the case format documented in README.md.
type Case struct {
	// Name identifies the case within its file; it contains no "/" or space.
	Name string `json:"name"`
	// Description says what the case checks, citing the rule of the semantics.
	Description string `json:"description,omitempty"`

	// Capability names the parser the case runs, as package capability names
	// it ("trigger", "approval.statusRequest", "formVariables/0.dynamicOptions",
	// ...); empty means syncedSegment. A case of another capability gives a
	// whole Manifest, and wants Output, Error, CompileErrors or Warnings.
	Capability string `json:"capability,omitempty"`

	// Spec is a bare syncedSegment capability object. Exactly one of Spec,
	// Manifest and ManifestText is set.
	Spec json.RawMessage `json:"spec,omitempty"`
	// Manifest is a whole integration manifest.
	Manifest json.RawMessage `json:"manifest,omitempty"`
	// ManifestText is a manifest given as text, for manifests that are not JSON.
	ManifestText *string `json:"manifestText,omitempty"`
	// IntegrationKey names the integration; it is unique per distinct manifest
	// across the corpus, lower case, and names segments "<key>-<cohortId>".
	IntegrationKey string `json:"integrationKey,omitempty"`
	// Limits, when set, configures payload limits; targets that cannot
	// configure them skip the case.
	Limits *Limits `json:"limits,omitempty"`
	// ResponseOptions, when set, are the embedding service's keys for rendering
	// the response; targets that cannot set them skip the case.
	ResponseOptions *ResponseOptions `json:"responseOptions,omitempty"`

	// Payload is the payload as raw JSON text, kept byte for byte so that
	// duplicate keys and number literals survive. At most one of Payload,
	// PayloadText and PayloadBase64 is set.
	Payload json.RawMessage `json:"payload,omitempty"`
	// PayloadText is the payload as a string, for payloads that are not JSON.
	PayloadText *string `json:"payloadText,omitempty"`
	// PayloadBase64 is the payload as standard base64, for raw bytes such as
	// invalid UTF-8.
	PayloadBase64 *string `json:"payloadBase64,omitempty"`

	// Result is the wanted normalized result (SPEC §5).
	Result *Result `json:"result,omitempty"`
	// Output is the wanted result of a capability other than syncedSegment,
	// as the JSON its Go type encodes to (SPEC §10), compared as JSON values.
	Output json.RawMessage `json:"output,omitempty"`
	// Error is the wanted payload error (SPEC §6).
	Error *PayloadError `json:"error,omitempty"`
	// CompileErrors are the wanted compile errors (SPEC §2), in any order.
	CompileErrors []Problem `json:"compileErrors,omitempty"`
	// Warnings, when not nil, are the exact compile warnings wanted, in any
	// order; an empty list wants none. Nil leaves warnings unchecked.
	Warnings []Problem `json:"warnings,omitempty"`
	// Response is the wanted HTTP response (SPEC §7). Without it the status
	// and default error body follow from Result or Error.
	Response *Response `json:"response,omitempty"`

	// Skip, when set, is why the case is not run (an implementation bug that is
	// reported, for example); the runner reports it as skipped with this reason.
	Skip string `json:"skip,omitempty"`

	// File is the name of the file the case was loaded from, stamped by Load.
	File string `json:"-"`
	// Group is File without its ".json" extension: the case's topic.
	Group string `json:"-"`
}

// Limits are payload limits as a case configures them; zero fields keep the
// implementation's defaults.
type Limits struct {
	MaxBytes      int64 `json:"maxBytes,omitempty"`
	MaxDepth      int   `json:"maxDepth,omitempty"`
	MaxMembers    int   `json:"maxMembers,omitempty"`
	MaxValueBytes int   `json:"maxValueBytes,omitempty"`
}

// ResponseOptions are the keys the embedding service supplies to the response
// template (SPEC §7); empty fields take their defaults.
type ResponseOptions struct {
	ProjectKey     string `json:"projectKey,omitempty"`
	EnvironmentKey string `json:"environmentKey,omitempty"`
	SegmentURL     string `json:"segmentUrl,omitempty"`
}

// Result is a normalized result (SPEC §5).
type Result struct {
	EnvironmentID string    `json:"environmentId"`
	ContextKind   string    `json:"contextKind"`
	Segments      []Segment `json:"segments"`
}

// Segment is one segment of a Result. CohortURL and SegmentKey are "" when the
// result leaves them out; Add and Remove are never nil.
type Segment struct {
	CohortID   string   `json:"cohortId"`
	CohortName string   `json:"cohortName"`
	CohortURL  string   `json:"cohortUrl,omitempty"`
	SegmentKey string   `json:"segmentKey,omitempty"`
	Add        []string `json:"add"`
	Remove     []string `json:"remove"`
}

// PayloadError is a payload error as cases compare it (SPEC §6): its
// message is never compared. Pointer and Field are "" when the JSON leaves
// them out.
type PayloadError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Pointer string `json:"pointer"`
	Field   string `json:"field"`
}

// Problem is a compile problem as cases compare it: its manifest pointer and its
// code (spec.Code), never its message.
type Problem struct {
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
}

// Response is a wanted HTTP response.
type Response struct {
	// Status is the wanted HTTP status.
	Status int `json:"status"`
	// Body, when set, is the wanted body as JSON, compared as JSON values. With
	// status 204 the body must be empty.
	Body json.RawMessage `json:"body,omitempty"`
	// Ignore lists JSON pointers into the body whose values are not compared
	// (they must still be present), such as an error message.
	Ignore []string `json:"ignore,omitempty"`
}

// CapabilityName returns the name of the parser the case runs: Capability, or
// "syncedSegment" when it is empty.
func (c *Case) CapabilityName() string {
	if c.Capability == "" {
		return capability.SyncedSegment
	}
	return c.Capability
}

// IsSyncedSegment reports whether the case runs the syncedSegment parser.
func (c *Case) IsSyncedSegment() bool { return c.CapabilityName() == capability.SyncedSegment }

// ID returns "group/name", the case's name in test output and reports.
func (c *Case) ID() string { return c.Group + "/" + c.Name }

// PayloadBytes returns the payload's bytes and whether the case has a payload.
func (c *Case) PayloadBytes() ([]byte, bool) {
	switch {
	case c.Payload != nil:
		return c.Payload, true
	case c.PayloadText != nil:
		return []byte(*c.PayloadText), true
	case c.PayloadBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*c.PayloadBase64)
		return b, err == nil
	}
	return nil, false
}

// ManifestBytes returns the case's whole manifest: Manifest or ManifestText as
// given, or Spec wrapped as {"name": key, "capabilities": {"syncedSegment": spec}}.
func (c *Case) ManifestBytes() []byte {
	switch {
	case c.Manifest != nil:
		return c.Manifest
	case c.ManifestText != nil:
		return []byte(*c.ManifestText)
	}
	name, _ := json.Marshal(c.IntegrationKey)
	out := []byte(`{"name":`)
	out = append(out, name...)
	out = append(out, `,"capabilities":{"syncedSegment":`...)
	out = append(out, c.Spec...)
	return append(out, "}}"...)
}

// HasTemplate reports whether the case runs the syncedSegment parser of a
// manifest that has a jsonResponseBody.
func (c *Case) HasTemplate() bool { return c.IsSyncedSegment() && hasTemplate(c.ManifestBytes()) }

// WantsCompileErrors reports whether the case's spec must fail to compile.
func (c *Case) WantsCompileErrors() bool { return len(c.CompileErrors) > 0 }
