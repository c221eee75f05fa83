package conformance_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/segsync/segsync/conformance"
)

// lying wraps a target and spoils what it observes, to show that the checks
// catch every kind of wrong answer.
type lying struct {
	conformance.Target
	spoil func(*conformance.Observation)
}

func (l lying) Observe(ctx context.Context, c *conformance.Case) (*conformance.Observation, error) {
	obs, err := l.Target.Observe(ctx, c)
	if err == nil && obs != nil {
		l.spoil(obs)
	}
	return obs, err
}

func TestExecuteCatchesWrongAnswers(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defaultBody := func(c *conformance.Case) bool { return c.Error != nil && c.Response == nil && c.IsSyncedSegment() }
	tests := []struct {
		name   string
		spoil  func(*conformance.Observation)
		counts func(*conformance.Case) bool // the cases that must fail
		want   conformance.Status           // Fail when zero
	}{
		{"result-member-dropped", func(o *conformance.Observation) {
			if o.Result != nil {
				o.Result.ContextKind += "x"
			}
		}, func(c *conformance.Case) bool { return c.Result != nil }, 0},
		{"error-pointer-changed", func(o *conformance.Observation) {
			if o.Error != nil {
				o.Error.Pointer += "/x"
			}
		}, func(c *conformance.Case) bool { return c.Error != nil }, 0},
		{"compile-error-dropped", func(o *conformance.Observation) {
			if o.Compile != nil && len(o.Compile.Errors) > 0 {
				o.Compile.Errors = o.Compile.Errors[1:]
			}
		}, func(c *conformance.Case) bool { return c.WantsCompileErrors() }, 0},
		{"warning-added", func(o *conformance.Observation) {
			if o.Compile != nil {
				o.Compile.Warnings = append(o.Compile.Warnings, conformance.Problem{Code: "ignored_field"})
			}
		}, func(c *conformance.Case) bool { return c.Warnings != nil }, 0},
		{"response-status-changed", func(o *conformance.Observation) {
			if o.Response != nil {
				o.Response.Status++
			}
		}, func(c *conformance.Case) bool { _, ok := c.PayloadBytes(); return ok && c.IsSyncedSegment() }, 0},
		{"body-trailing-data", func(o *conformance.Observation) {
			if o.Response != nil && len(o.Response.Body) > 0 {
				o.Response.Body = append(o.Response.Body, '}')
			}
		}, func(c *conformance.Case) bool { return defaultBody(c) || c.Response != nil && c.Response.Body != nil }, 0},
		{"default-body-status-string", func(o *conformance.Observation) {
			if o.Response != nil {
				o.Response.Body = regexp.MustCompile(`"status":(\d+)`).ReplaceAll(o.Response.Body, []byte(`"status":"$1"`))
			}
		}, defaultBody, 0},
		{"default-body-pointer-dropped", func(o *conformance.Observation) {
			if o.Response != nil {
				o.Response.Body = regexp.MustCompile(`,"pointer":"[^"]*"`).ReplaceAll(o.Response.Body, nil)
			}
		}, defaultBody, 0},
		{"default-body-empty-message", func(o *conformance.Observation) {
			if o.Response != nil {
				o.Response.Body = regexp.MustCompile(`"message":"[^"]*"`).ReplaceAll(o.Response.Body, []byte(`"message":""`))
			}
		}, defaultBody, 0},
		{"204-with-body", func(o *conformance.Observation) {
			if o.Response != nil && o.Response.Status == 204 {
				o.Response.Body = []byte(`{}`)
			}
		}, func(c *conformance.Case) bool { return c.Result != nil && !c.HasTemplate() }, 0},
		{"result-instead-of-error", func(o *conformance.Observation) {
			if o.Error != nil {
				o.Result, o.Error = &conformance.Result{EnvironmentID: "e", Segments: []conformance.Segment{}}, nil
			}
		}, func(c *conformance.Case) bool { return c.Error != nil }, 0},
		{"output-changed", func(o *conformance.Observation) {
			if o.Output != nil {
				o.Output = json.RawMessage(`{"changed": true}`)
			}
		}, func(c *conformance.Case) bool { return c.Output != nil }, 0},
		{"error-instead-of-output", func(o *conformance.Observation) {
			if o.Output != nil {
				o.Output, o.Error = nil, &conformance.PayloadError{Status: 400, Code: "missing"}
			}
		}, func(c *conformance.Case) bool { return c.Output != nil }, 0},
		{"payload-outcome-unreported", func(o *conformance.Observation) {
			o.Result, o.Output, o.Error, o.Response = nil, nil, nil, nil
		}, func(c *conformance.Case) bool { return c.Result != nil || c.Output != nil || c.Error != nil }, conformance.Skip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outcomes, err := conformance.Execute(t.Context(), lying{conformance.Library{}, tt.spoil}, cases, conformance.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, o := range outcomes {
				if o.Case.Skip != "" || !tt.counts(o.Case) {
					continue
				}
				want++
				if o.Status != cmp.Or(tt.want, conformance.Fail) {
					t.Errorf("%s: %s, want %s", o.Case.ID(), o.Status, cmp.Or(tt.want, conformance.Fail))
				}
			}
			if want == 0 {
				t.Fatal("no case exercised the check")
			}
		})
	}
}

func TestExecuteNoCases(t *testing.T) {
	if _, err := conformance.Execute(t.Context(), conformance.Library{}, nil, conformance.Options{}); !errors.Is(err, conformance.ErrNoCases) {
		t.Fatalf("Execute(no cases) = %v, want ErrNoCases", err)
	}
}

func TestSkipsAreReported(t *testing.T) {
	c := &conformance.Case{Name: "x", Group: "g", Skip: "reason: implementation bug, reported"}
	c.Spec = json.RawMessage(`{"requestParser": {}}`)
	c.Warnings = []conformance.Problem{}
	o, err := conformance.RunCase(t.Context(), conformance.Library{}, c, conformance.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != conformance.Skip || !strings.Contains(o.Detail, "implementation bug") {
		t.Fatalf("got %s %q, want a skip with the case's reason", o.Status, o.Detail)
	}
}

// TestRunCaseInvalidCase: a case built by hand that breaks the format (here a
// response.ignore entry that is not a JSON pointer) is an error, not a panic.
func TestRunCaseInvalidCase(t *testing.T) {
	c := &conformance.Case{Name: "bad-ignore", Group: "g", IntegrationKey: "k",
		Spec:     json.RawMessage(`{"requestParser": {}, "jsonResponseBody": "{}"}`),
		Payload:  json.RawMessage(`{}`),
		Error:    &conformance.PayloadError{Status: 400, Code: "missing"},
		Response: &conformance.Response{Status: 400, Body: json.RawMessage(`{}`), Ignore: []string{"no-slash"}}}
	o, err := conformance.RunCase(t.Context(), conformance.Library{}, c, conformance.Options{})
	if err == nil || !strings.Contains(err.Error(), `response.ignore "no-slash"`) {
		t.Fatalf("RunCase = %+v, %v; want an error naming the ignore entry", o, err)
	}
	if _, err := conformance.Execute(t.Context(), conformance.Library{}, []*conformance.Case{c}, conformance.Options{}); err == nil {
		t.Fatal("Execute ran an invalid case")
	}
}
