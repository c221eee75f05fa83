package fuzz

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// templates are response bodies that interpolate payload values in every way a
// manifest may: escaped and raw, inside strings, in loops and conditions.
var templates = []string{
	`{"segment": "{{segmentKey}}", "url": "{{segmentUrl}}", {{#if errorMessage}}"ok": false, "error": "{{errorMessage}}"{{else}}"ok": true{{/if}} }`,
	`{"status": {{statusCode}}, "error": "{{{errorMessage}}}", "env": "{{{requestBody.e}}}", "c": "{{requestBody.c}}", "project": "{{projectKey}}", "envKey": "{{environmentKey}}"}`,
	`{"ids": [{{#each requestBody.add}}"{{{this}}}"{{#unless @last}},{{/unless}}{{/each}}], "n": "{{requestBody.n}}"{{#equal statusCode 200}}, "ok": true{{/equal}} }`,
	`{{#with requestBody}}{"e": "{{e}}", "first": "{{add.[0]}}", "nested": "{{{u.v.w}}}"}{{else}}{"none": true}{{/with}}`,
}

// respondPrograms compiles the named-arrays spec of the fuzz set once per
// template.
var respondPrograms = compiledOnce("compiling the response templates", func() ([]*parser.Program, error) {
	var progs []*parser.Program
	for _, tpl := range templates {
		var doc map[string]any
		if err := json.Unmarshal(refSpecs[2].manifest(), &doc); err != nil {
			return nil, err
		}
		doc["capabilities"].(map[string]any)["syncedSegment"].(map[string]any)["jsonResponseBody"] = tpl
		data, _ := json.Marshal(doc)
		m, err := spec.ParseManifest(data)
		if err != nil {
			return nil, err
		}
		p, err := parser.Compile(m, parser.WithIntegrationKey("resp"), parser.WithLimits(fuzzLimits))
		if err != nil {
			return nil, err
		}
		progs = append(progs, p)
	}
	return progs, nil
})

// FuzzRespond renders responses for arbitrary payloads through programs with
// templates: the body is always valid JSON (or absent for 204), the status fits
// the outcome, and the result and error are those Parse gives.
func FuzzRespond(f *testing.F) {
	for _, p := range payloadSeeds {
		f.Add([]byte(p), "", "")
	}
	f.Add([]byte(`{"e":"a\"b\\c</script>","c":"c\u2028","n":"{{x}}","add":["\"},{\"x\":1","\u0000",3]}`), `p"q`, "env\\")
	f.Add([]byte(`{"e":"e","c":"c","n":"n","u":{"v":{"w":"}\n{"}},"add":["a"]}`), "", "")
	f.Fuzz(func(t *testing.T, payload []byte, project, envKey string) {
		opts := parser.ResponseOptions{ProjectKey: project, EnvironmentKey: envKey}
		for i, prog := range respondPrograms(t) {
			resp, res, err := prog.Respond(payload, opts)
			wantRes, wantErr := prog.Parse(payload)
			if d := cmp.Diff(errorKey(wantErr), errorKey(err)); d != "" {
				t.Fatalf("template %d: Respond and Parse disagree on the error (-Parse +Respond):\n%s", i, d)
			}
			if d := cmp.Diff(wantRes, res); d != "" {
				t.Fatalf("template %d: Respond and Parse disagree on the result (-Parse +Respond):\n%s", i, d)
			}
			if resp == nil {
				t.Fatalf("template %d: nil response", i)
			}
			if !json.Valid(resp.Body) {
				t.Fatalf("template %d, payload %q: body is not JSON (status %d): %q", i, payload, resp.Status, resp.Body)
			}
			switch {
			case resp.Status == 500:
				if resp.RenderErr == nil {
					t.Fatalf("template %d: status 500 without RenderErr", i)
				}
				t.Fatalf("template %d, payload %q: the template rendered invalid JSON: %v", i, payload, resp.RenderErr)
			case err != nil:
				if pe := asParserError(err); pe == nil || resp.Status != pe.Status {
					t.Fatalf("template %d: status %d for error %v", i, resp.Status, err)
				}
			case resp.Status != 200:
				t.Fatalf("template %d: status %d for a success with a template", i, resp.Status)
			}
		}
	})
}
