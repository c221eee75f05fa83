package parser_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
)

// TestRespondWith: apply sees each accepted result whose success answer rendered,
// and only those; its failure becomes an error answer rendered with the payload's
// context, without showing the cause unless apply chose the error.
func TestRespondWith(t *testing.T) {
	const accepted = `{"action":"members","parameters":{"project":"proj-1","cohort_id":"c1","cohort_name":"C","members":[{"distinct_id":"d"}]}}`
	const rejected = `{"action":"members","parameters":{"project":"proj-1","cohort_id":"c1","cohort_name":"C","members":[{"distinct_id":""}]}}`
	withTpl := compileJSON(t, withTemplate(actionSpec, mixpanelTemplate), parser.WithIntegrationKey("mixpanel"))
	noTpl := compileJSON(t, actionSpec, parser.WithIntegrationKey("mixpanel"))
	// Renders JSON for the compile-time probes, but not when the payload has "x".
	flaky := compileJSON(t, withTemplate(actionSpec, `{"a": 1 {{#if requestBody.x}},{{/if}} }`))
	cause := errors.New("database unavailable")
	unavailable := &parser.Error{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "try again later"}

	tests := []struct {
		name      string
		prog      *parser.Program
		payload   string
		applyErr  error
		applied   bool   // apply is called
		status    int    // of the answer
		code      string // of the returned error, "" for none
		bodyCheck map[string]any
	}{
		{"accepted", withTpl, accepted, nil, true, 200, "", map[string]any{"status": "success", "segmentKey": "mixpanel-c1"}},
		{"rejected", withTpl, rejected, nil, false, 400, "invalid_value", nil},
		{"template fails to render", flaky, `{"x":1,"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`, nil, false, 500, "", nil},
		{"apply fails", withTpl, accepted, cause, true, 500, "internal", map[string]any{
			"status": "failure", "envKey": "proj-1", "segmentKey": "mixpanel-c1", "environmentId": "proj-1",
			"error": map[string]any{"message": "the segment update could not be applied", "code": 500.0},
		}},
		{"apply chooses the error", withTpl, accepted, unavailable, true, 503, "unavailable", map[string]any{
			"error": map[string]any{"message": "try again later", "code": 503.0},
		}},
		{"no template, apply fails", noTpl, accepted, cause, true, 500, "internal", map[string]any{
			"status": 500.0, "code": "internal", "message": "the segment update could not be applied",
		}},
		{"no template, accepted", noTpl, accepted, nil, true, 204, "", nil},
		{"apply chooses a 400", withTpl, accepted, &parser.Error{Status: 400, Code: "refused", Message: "refused"}, true, 400, "refused", map[string]any{
			"error": map[string]any{"message": "refused", "code": 400.0},
		}},
		{"apply's error has no error status", withTpl, accepted, &parser.Error{Code: "odd", Message: "odd"}, true, 500, "odd", map[string]any{
			"error": map[string]any{"message": "odd", "code": 500.0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []*parser.Result
			resp, res, err := tt.prog.RespondWith([]byte(tt.payload), parser.ResponseOptions{}, func(r *parser.Result) error {
				seen = append(seen, r)
				return tt.applyErr
			})
			require.Equal(t, tt.status, resp.Status, "body: %s", resp.Body)
			if tt.applied {
				require.Len(t, seen, 1)
				assert.Equal(t, "d", seen[0].Segments[0].Add.At(0))
			} else {
				require.Empty(t, seen)
			}
			if tt.code == "" {
				require.NoError(t, err)
			} else {
				var perr *parser.Error
				require.True(t, errors.As(err, &perr), "error %T %v", err, err)
				assert.Equal(t, parser.Code(tt.code), perr.Code)
				assert.Equal(t, tt.status, perr.Status)
				assert.Nil(t, res)
			}
			if tt.applyErr != nil {
				assert.ErrorIs(t, err, tt.applyErr)
			}
			if tt.bodyCheck != nil {
				var body map[string]any
				require.NoError(t, json.Unmarshal(resp.Body, &body), "%s", resp.Body)
				for k, v := range tt.bodyCheck {
					assert.Equal(t, v, body[k], "body field %q in %s", k, resp.Body)
				}
			}
		})
	}
}
