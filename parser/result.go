package parser

// Result is the normalized outcome of one payload. It marshals with encoding/json
// to the normalized result JSON.
type Result struct {
	// EnvironmentID is the LaunchDarkly client-side ID the payload names.
	EnvironmentID string `json:"environmentId"`
	// ContextKind is the context kind of the members; "user" by default.
	ContextKind string `json:"contextKind"`
	// Segments has one entry per distinct cohort ID. The first is always the
	// top-level cohort; cohorts named by per-member overrides follow in order of
	// first appearance.
	Segments []Segment `json:"segments"`
}

// Segment is the update of one synced segment.
type Segment struct {
	CohortID   string `json:"cohortId"`
	CohortName string `json:"cohortName"`
	// CohortURL is the top-level cohort URL, "" (and left out of JSON) when none.
	CohortURL string `json:"cohortUrl,omitempty"`
	// SegmentKey is "<integrationKey>-<cohortId>", "" (and left out) when the
	// program has no integration key.
	SegmentKey string `json:"segmentKey,omitempty"`
	// Add and Remove list member IDs in order of first appearance; a member's final
	// state is its last operation. Each is a JSON array, [] when empty (never
	// null).
	Add    Members `json:"add"`
	Remove Members `json:"remove"`
}
