package parser_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// withTemplate returns a syncedSegment spec with the given jsonResponseBody.
func withTemplate(base, template string) string {
	return strings.Replace(base, `{"requestParser"`, `{"jsonResponseBody":`+quote(template)+`,"requestParser"`, 1)
}

// mixpanelTemplate is shaped like the public manifests' templates: keys, the
// payload's own fields, and an error branch with {{{errorMessage}}}.
const mixpanelTemplate = `{ "environmentId": "{{requestBody.parameters.project}}", "projectKey": "{{projectKey}}", "envKey": "{{environmentKey}}", "segmentKey": "{{segmentKey}}", "segmentUrl": "{{segmentUrl}}", {{#if errorMessage}}"status":"failure", "error": {"message": "{{{errorMessage}}}", "code": {{statusCode}} }{{else}}"status": "success"{{/if}} }`

func TestRespond(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		payload string
		opts    parser.ResponseOptions
		status  int
	}{
		{"no-template-success", actionSpec, `{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`, parser.ResponseOptions{}, 204},
		{"no-template-error", actionSpec, `{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":""}]}}`, parser.ResponseOptions{}, 400},
		{"no-template-invalid-json", actionSpec, `{"action"`, parser.ResponseOptions{}, 400},
		{"template-success-defaults", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"proj-1","cohort_id":"c1","cohort_name":"C","members":[{"distinct_id":"d"}]}}`, parser.ResponseOptions{}, 200},
		{"template-success-keys-supplied", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"proj-1","cohort_id":"c1","cohort_name":"C","members":[]}}`, parser.ResponseOptions{ProjectKey: "web", EnvironmentKey: "staging", SegmentURL: "https://ld.example/s"}, 200},
		{"template-error", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"proj-1","cohort_id":"c1","cohort_name":"C","members":[{"distinct_id":{"x":1}}]}}`, parser.ResponseOptions{}, 400},
		{"template-invalid-json", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members",`, parser.ResponseOptions{}, 400},
		{"template-hostile-values", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"p\"}, \"injected\": true, \"x\": {\"","cohort_id":"c\\\"1</script>\u2028\u0000\t","cohort_name":"C","members":[]}}`, parser.ResponseOptions{}, 200},
		{"template-hostile-error", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"p\"\\","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":true}],"extra":"</script>"}}`, parser.ResponseOptions{}, 400},
		{"template-equal-helper", withTemplate(actionSpec, `{"added": {{#equal requestBody.action "members"}}true{{else}}false{{/equal}}, "last": "{{#each requestBody.parameters.members}}{{#if @last}}{{@index}}:{{distinct_id}}{{/if}}{{/each}}" }`), `{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"a"},{"distinct_id":"b"}]}}`, parser.ResponseOptions{}, 200},
		{"template-segment-url-escaped", withTemplate(actionSpec, mixpanelTemplate), `{"action":"members","parameters":{"project":"p","cohort_id":"x/../../../evil?y=#","cohort_name":"C","members":[]}}`, parser.ResponseOptions{ProjectKey: "a/b"}, 200},
		{"template-renders-non-json", withTemplate(actionSpec, `{{#if requestBody.action}}not json{{else}}{}{{/if}}`), `{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`, parser.ResponseOptions{}, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, tt.spec, parser.WithIntegrationKey("mixpanel"))
			resp, res, err := prog.Respond([]byte(tt.payload), tt.opts)
			require.Equal(t, tt.status, resp.Status, "body: %s", resp.Body)
			var perr *parser.Error
			if tt.status == 400 {
				require.True(t, errors.As(err, &perr))
				require.Nil(t, res)
			} else {
				require.NoError(t, err)
				require.NotNil(t, res)
			}
			if tt.status == 204 {
				require.Nil(t, resp.Body)
				return
			}
			require.True(t, json.Valid(resp.Body), "body is not JSON: %s", resp.Body)
			if tt.status == 500 {
				require.Error(t, resp.RenderErr)
			} else {
				require.NoError(t, resp.RenderErr)
			}
			testfiles.Golden(t, filepath.Join("testdata", "responses", tt.name+".json"), string(resp.Body)+"\n")
		})
	}
}

// TestRespondKeepsHostileValuesExact decodes the rendered body and finds every
// payload value intact, and no injected field.
func TestRespondKeepsHostileValuesExact(t *testing.T) {
	prog := compileJSON(t, withTemplate(actionSpec, mixpanelTemplate), parser.WithIntegrationKey("mixpanel"))
	for _, project := range []string{`"`, `\`, `"}, "injected": {"`, "\x00\x01\x1f\t\n\r", `</script><script>alert(1)</script>`, "\u2028\u2029", "caf\u00e9 \U0001F600", `{{segmentKey}}`} {
		payload, err := json.Marshal(map[string]any{"action": "members", "parameters": map[string]any{"project": project, "cohort_id": "c", "cohort_name": "C", "members": []any{}}})
		require.NoError(t, err)
		resp, _, err := prog.Respond(payload, parser.ResponseOptions{})
		require.NoError(t, err)
		require.Equal(t, 200, resp.Status)
		var body map[string]any
		require.NoError(t, json.Unmarshal(resp.Body, &body), "%s", resp.Body)
		assert.Equal(t, project, body["environmentId"])
		assert.Equal(t, project, body["envKey"])
		assert.NotContains(t, body, "injected")
	}
}

func TestTemplateCompileErrors(t *testing.T) {
	for _, tt := range []struct{ name, template string }{
		{"unclosed block", `{"a": {{#if x}}1}`},
		{"not json for success", `{"a": {{statusCode}}`},
		{"not json for error", `{{#if errorMessage}}{{else}}{}{{/if}}`},
		{"partial", `{{> header}}`},
		{"unknown helper", `{{#upper x}}{{/upper}}`},
		{"triple close", `{"a": "{{#if x}}y{{/if}}}"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := spec.ParseSyncedSegment([]byte(withTemplate(actionSpec, tt.template)))
			require.NoError(t, err)
			_, err = parser.Compile(m)
			var ps spec.Problems
			require.True(t, errors.As(err, &ps), "got %v", err)
			require.Len(t, ps, 1)
			assert.Equal(t, "/capabilities/syncedSegment/jsonResponseBody", ps[0].Pointer)
			assert.Equal(t, spec.CodeInvalidTemplate, ps[0].Code)
			assert.Contains(t, ps[0].Excerpt, "^")
		})
	}
}

// TestSharedManifestTemplates renders the public manifests' templates for a
// success and an error and expects JSON.
func TestSharedManifestTemplates(t *testing.T) {
	n := 0
	for key, path := range testfiles.SharedManifests(t) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		m, err := spec.ParseManifest(data)
		require.NoError(t, err)
		if m.Capabilities.SyncedSegment.JSONResponseBody == nil {
			continue
		}
		n++
		t.Run(key, func(t *testing.T) {
			prog, err := parser.Compile(m, parser.WithIntegrationKey(key))
			require.NoError(t, err)
			for _, payload := range []string{`{}`, `not json`, `{"environmentId":"e\"1"}`} {
				resp, _, _ := prog.Respond([]byte(payload), parser.ResponseOptions{})
				assert.Equal(t, 400, resp.Status)
				assert.True(t, json.Valid(resp.Body), "%s", resp.Body)
			}
		})
	}
	require.NotZero(t, n, "some public manifests have templates")
}
