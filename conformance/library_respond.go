package conformance

import "github.com/segsync/segsync/parser"

// respond renders the response to the case's payload into obs with
// parser.Program.Respond, using the case's response options.
func respond(obs *Observation, prog *parser.Program, c *Case, payload []byte) {
	var opts parser.ResponseOptions
	if o := c.ResponseOptions; o != nil {
		opts = parser.ResponseOptions{ProjectKey: o.ProjectKey, EnvironmentKey: o.EnvironmentKey, SegmentURL: o.SegmentURL}
	}
	resp, _, _ := prog.Respond(payload, opts)
	obs.Response = &ObservedResponse{Status: resp.Status, Body: resp.Body}
}
