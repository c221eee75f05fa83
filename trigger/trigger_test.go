package trigger_test

import (
	"errors"
	"testing"

	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
	"github.com/segsync/segsync/trigger"
)

// The public manifests with a trigger: each compiles with no error.
func TestPublicManifests(t *testing.T) {
	for key, m := range captest.OtherManifests(t, 7, func(m *spec.Manifest) bool { return m.Capabilities.Trigger != nil }) {
		if _, err := trigger.Compile(m); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

const genericManifest = `{"capabilities": {"trigger": {"documentation": "https://example.com",
  "defaultEventName": "An event", "parser": {"eventName": "/eventName", "value": "/value", "url": "/url"}}}}`

const titledManifest = `{"capabilities": {"trigger": {"documentation": "https://example.com",
  "testEventNameRegexp": "^Monitor test notification$", "parser": {"eventName": "/title", "url": "/link"}}}}`

func compile(t testing.TB, manifest string, opts ...parser.Option) *trigger.Program {
	t.Helper()
	m, _ := spec.ParseManifest([]byte(manifest))
	p, err := trigger.Compile(m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParse(t *testing.T) {
	generic, titled := compile(t, genericManifest), compile(t, titledManifest)
	small := compile(t, genericManifest, parser.WithLimits(parser.Limits{MaxValueBytes: 4, MaxDepth: 3}))
	tests := []struct {
		name    string
		prog    *trigger.Program
		body    string
		want    trigger.Event
		code    parser.Code
		pointer string
	}{
		{"all values", generic, `{"eventName": "p99 latency", "value": 812, "url": "https://m.example.com/1"}`,
			trigger.Event{EventName: "p99 latency", Value: "812", URL: "https://m.example.com/1"}, "", ""},
		{"a number keeps its literal text", generic, `{"eventName": 12345678901234567890, "value": 1.0}`,
			trigger.Event{EventName: "12345678901234567890", Value: "1.0"}, "", ""},
		{"empty body gives the defaults", generic, ``, trigger.Event{EventName: "An event"}, "", ""},
		{"white space only is empty", generic, " \n\t", trigger.Event{EventName: "An event"}, "", ""},
		{"no event name gives the default", generic, `{"value": "3"}`, trigger.Event{EventName: "An event", Value: "3"}, "", ""},
		{"null event name gives the default", generic, `{"eventName": null}`, trigger.Event{EventName: "An event"}, "", ""},
		{"empty event name gives the default", generic, `{"eventName": ""}`, trigger.Event{EventName: "An event"}, "", ""},
		{"empty value and url are absent", generic, `{"eventName": "x", "value": "", "url": ""}`, trigger.Event{EventName: "x"}, "", ""},
		{"the default test regexp", generic, `{"eventName": "This is a TEST"}`, trigger.Event{EventName: "This is a TEST", IsTest: true}, "", ""},
		{"a test regexp of the manifest", titled, `{"title": "Monitor test notification", "link": "https://d.example.com"}`,
			trigger.Event{EventName: "Monitor test notification", URL: "https://d.example.com", IsTest: true}, "", ""},
		{"anchored test regexp", titled, `{"title": "Monitor test notification (2)"}`,
			trigger.Event{EventName: "Monitor test notification (2)"}, "", ""},
		{"the default name is never a test", titled, `{}`, trigger.Event{EventName: "An alert"}, "", ""},
		{"a top-level array finds nothing", generic, `[1, 2]`, trigger.Event{EventName: "An event"}, "", ""},
		{"the last repeated name wins", generic, `{"eventName": "a", "eventName": "b"}`, trigger.Event{EventName: "b"}, "", ""},
		{"object event name", generic, `{"eventName": {"a": 1}}`, trigger.Event{}, parser.CodeWrongType, "/eventName"},
		{"boolean value", generic, `{"eventName": "x", "value": true}`, trigger.Event{}, parser.CodeWrongType, "/value"},
		{"number url", generic, `{"url": 7}`, trigger.Event{}, parser.CodeWrongType, "/url"},
		{"event name before value", generic, `{"value": [], "eventName": []}`, trigger.Event{}, parser.CodeWrongType, "/eventName"},
		{"not JSON", generic, `{"eventName": `, trigger.Event{}, parser.CodeInvalidJSON, ""},
		{"trailing data", generic, `{} {}`, trigger.Event{}, parser.CodeInvalidJSON, ""},
		{"a long value", small, `{"value": "12345"}`, trigger.Event{}, parser.CodeTooLarge, "/value"},
		{"too deep", small, `{"a": {"b": {"c": {}}}}`, trigger.Event{}, parser.CodeTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.prog.Parse([]byte(tt.body))
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, tt.pointer)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got != tt.want {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestCompileProblems(t *testing.T) {
	tests := []struct {
		name, manifest string
		want           []spec.Problem
	}{
		{"no trigger", `{"capabilities": {}}`, []spec.Problem{{Pointer: "/capabilities/trigger", Code: spec.CodeRequired}}},
		{"bad pointer and matcher", `{"capabilities": {"trigger": {"testEventNameRegexp": "(?<=a)b", "parser": {"eventName": "title"}}}}`,
			[]spec.Problem{{Pointer: "/capabilities/trigger/parser/eventName", Code: spec.CodeInvalidPointer},
				{Pointer: "/capabilities/trigger/testEventNameRegexp", Code: spec.CodeInvalidMatcher}}},
		{"unknown property and wrong type", `{"capabilities": {"trigger": {"parser": {"eventname": "/t", "url": 3}}}}`,
			[]spec.Problem{{Pointer: "/capabilities/trigger/parser/eventname", Code: spec.CodeUnknownProperty},
				{Pointer: "/capabilities/trigger/parser/url", Code: spec.CodeWrongType}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := spec.ParseManifest([]byte(tt.manifest))
			_, err := trigger.Compile(m)
			var ps spec.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v, want spec.Problems", err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %v, want %d problems", ps, len(tt.want))
			}
			for i, p := range ps {
				if p.Pointer != tt.want[i].Pointer || p.Code != tt.want[i].Code {
					t.Errorf("problem %d: got %s %s, want %s %s", i, p.Code, p.Pointer, tt.want[i].Code, tt.want[i].Pointer)
				}
			}
		})
	}
	if _, err := trigger.Compile(nil); err == nil {
		t.Error("a nil manifest compiled")
	}
}

// A broken trigger does not stop another capability's compile, and the other
// way round: problems are scoped.
func TestScopedProblems(t *testing.T) {
	m, err := spec.ParseManifest([]byte(`{"capabilities": {"trigger": {"parser": {"eventName": "/t"}},
	  "approval": {"creationRequest": 3}}}`))
	if err == nil {
		t.Fatal("the manifest's structural problem was not reported")
	}
	if _, err := trigger.Compile(m); err != nil {
		t.Errorf("the trigger failed for the approval's problem: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{``, `{}`, `{"eventName": "x test", "value": 1e400, "url": "u"}`, `{"eventName": ["a"]}`,
		`{"eventName": "\ud800"}`, `[[[[`, `{"value": -0.0, "value": null}`} {
		f.Add([]byte(s))
	}
	prog := compile(f, genericManifest)
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := prog.Parse(body)
		captest.WantParserError(t, err)
		captest.SameAsStream(t, body, ev, err, prog.ParseReader)
	})
}
