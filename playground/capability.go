package playground

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// defaultCapability is the capability a request that names none runs.
const defaultCapability = "syncedSegment"

// capability is what the playground does for one capability of a manifest. A
// new kind of program joins the playground by one entry in capabilities: its
// run compiles the manifest (placing the spec.Problems with Problems.Place),
// parses a payload that is not blank, and sets RunResponse.Result to the
// program's result, or RunResponse.Error to the *parser.Error placed with
// placePayloadError; Response stays nil for a capability without one. The page
// lists the entries (GET /api/capabilities) and needs no change.
type capability struct {
	// run compiles the manifest's program for the capability and, when the
	// payload is not blank, runs it. It returns a *RequestError for a request
	// it refuses.
	run func(req *RunRequest) (*RunResponse, error)
	// example makes an example payload; nil when the capability has none.
	example func(req *ExampleRequest) (*ExampleResponse, error)
	// sampleManifest and samplePayload are what the page starts with.
	sampleManifest, samplePayload string
}

// capabilities are the capabilities the playground runs, by the name a manifest
// gives them under "capabilities".
var capabilities = map[string]capability{
	"syncedSegment": {
		run:            runSyncedSegment,
		example:        exampleSyncedSegment,
		sampleManifest: mustSample("syncedSegment/manifest.json"),
		samplePayload:  mustSample("syncedSegment/payload.json"),
	},
}

// lookup returns the capability name names in caps ("" for the default), or a
// RequestError listing the known ones.
func lookup(caps map[string]capability, name string) (capability, string, error) {
	if name == "" {
		name = defaultCapability
	}
	c, ok := caps[name]
	if !ok {
		return capability{}, name, &RequestError{
			Status:  400,
			Code:    CodeUnknownCapability,
			Message: fmt.Sprintf("unknown capability %q: the playground runs %s", name, strings.Join(slices.Sorted(maps.Keys(caps)), ", ")),
		}
	}
	return c, name, nil
}

// infos describes caps for GET /api/capabilities: the default capability
// first (the page starts with it), then the others sorted by name.
func infos(caps map[string]capability) []CapabilityInfo {
	out := []CapabilityInfo{}
	names := slices.SortedFunc(maps.Keys(caps), func(a, b string) int {
		if (a == defaultCapability) != (b == defaultCapability) {
			if a == defaultCapability {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		c := caps[name]
		out = append(out, CapabilityInfo{Name: name, Example: c.example != nil, SampleManifest: c.sampleManifest, SamplePayload: c.samplePayload})
	}
	return out
}
