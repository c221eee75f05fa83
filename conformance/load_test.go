package conformance_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/segsync/segsync/conformance"
)

func TestBundled(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 200 {
		t.Fatalf("%d bundled cases, want at least 200", len(cases))
	}
	groups := make(map[string]int)
	for _, c := range cases {
		if c.File == "" || c.Group == "" || c.File != c.Group+".json" {
			t.Errorf("%s: not stamped with its file (%q, %q)", c.Name, c.File, c.Group)
		}
		if c.IntegrationKey == "" && !c.WantsCompileErrors() && c.IsSyncedSegment() {
			t.Errorf("%s: no integration key", c.ID())
		}
		groups[c.Group]++
	}
	if len(groups) < 10 {
		t.Errorf("groups: %v", groups)
	}
}

// TestEveryCodeIsCovered checks that the corpus asserts every payload error code
// and every compile problem code at least once.
func TestEveryCodeIsCovered(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, c := range cases {
		if c.Error != nil {
			seen["payload:"+c.Error.Code] = true
		}
		for _, p := range c.CompileErrors {
			seen["compile:"+p.Code] = true
		}
		for _, p := range c.Warnings {
			seen["compile:"+p.Code] = true
		}
	}
	for _, code := range []string{
		"payload:invalid_json", "payload:missing", "payload:wrong_type", "payload:invalid_value", "payload:too_large",
		"compile:invalid_json", "compile:wrong_type", "compile:unknown_property", "compile:required", "compile:invalid_pointer",
		"compile:unpaired", "compile:conflict", "compile:no_mode", "compile:invalid_matcher", "compile:invalid_template",
		"compile:bracket_token", "compile:ignored_field", "compile:matcher_matches_opposite", "compile:matchers_overlap",
	} {
		if !seen[code] {
			t.Errorf("no case asserts %s", code)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	const good = `{"name": "ok", "spec": {}, "integrationKey": "k", "compileErrors": [{"pointer": "/capabilities/syncedSegment/requestParser", "code": "required"}]}`
	tests := []struct {
		name, file, want string
	}{
		{"unknown-field", `{"description": "", "cases": [{"name": "x", "spec": {}, "wanted": {}}]}`, `unknown field "wanted"`},
		{"no-spec", `{"cases": [{"name": "x", "warnings": []}]}`, "exactly one of spec"},
		{"two-specs", `{"cases": [{"name": "x", "spec": {}, "manifest": {}, "warnings": []}]}`, "exactly one of spec"},
		{"checks-nothing", `{"cases": [{"name": "x", "spec": {}}]}`, "checks nothing"},
		{"payload-without-want", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "warnings": []}]}`, "needs a wanted result"},
		{"want-without-payload", `{"cases": [{"name": "x", "spec": {}, "error": {"status": 400, "code": "missing"}}]}`, "needs a payload"},
		{"unknown-capability", `{"cases": [{"name": "x", "capability": "approval.bogus", "manifest": {}, "warnings": []}]}`, "unknown capability"},
		{"capability-with-spec", `{"cases": [{"name": "x", "capability": "trigger", "spec": {}, "warnings": []}]}`, "whole manifest"},
		{"capability-with-result", `{"cases": [{"name": "x", "capability": "trigger", "manifest": {}, "payload": {}, "result": {"environmentId": "e", "contextKind": "user", "segments": []}}]}`, "wants output"},
		{"output-for-synced-segment", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "output": {}}]}`, "syncedSegment case wants result"},
		{"status-mismatch", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "error": {"status": 400, "code": "too_large"}}]}`, "does not answer"},
		{"unknown-code", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "error": {"status": 400, "code": "bad"}}]}`, "not a payload error code"},
		{"null-add", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "result": {"environmentId": "e", "contextKind": "user", "segments": [{"cohortId": "c", "cohortName": "C", "add": null, "remove": []}]}}]}`, "must be arrays"},
		{"bad-name", `{"cases": [{"name": "a/b", "spec": {}, "warnings": []}]}`, "must match"},
		{"duplicate-name", `{"cases": [` + good + `, ` + good + `]}`, "used twice"},
		{"bad-key", `{"cases": [{"name": "x", "spec": {}, "integrationKey": "Upper", "warnings": []}]}`, "integrationKey"},
		{"key-two-manifests", `{"cases": [{"name": "a", "spec": {"x": 1}, "integrationKey": "k", "warnings": []}, {"name": "b", "spec": {"x": 2}, "integrationKey": "k", "warnings": []}]}`, "already names another manifest"},
		{"template-without-response", `{"cases": [{"name": "x", "spec": {"jsonResponseBody": "{}"}, "payload": {}, "error": {"status": 400, "code": "missing"}}]}`, "give the wanted response"},
		{"bad-ignore", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "error": {"status": 400, "code": "missing"}, "response": {"status": 400, "ignore": ["message"]}}]}`, "response.ignore"},
		{"known-difference-field", `{"cases": [{"name": "x", "spec": {}, "warnings": [], "knownDifference": "SEMANTICS §9"}]}`, "known differences belong to an implementation's profile now"},
		{"empty", `{"cases": []}`, "holds no cases"},
		{"null-cases", `{"cases": null}`, "holds no cases"},
		{"no-cases", `{"description": "a topic whose cases were forgotten"}`, "holds no cases"},
		{"not-json", `{"cases": [`, "unexpected EOF"},
		{"trailing-brace", `{"cases": [` + good + `]}}`, "not one valid JSON document"},
		{"trailing-bracket", `{"cases": [` + good + `]}]`, "not one valid JSON document"},
		{"body-with-204", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "result": {"environmentId": "e", "contextKind": "user", "segments": []}, "response": {"status": 204, "body": {"a": 1}}}]}`, "a 204 response has no body"},
		{"ignore-with-204", `{"cases": [{"name": "x", "spec": {}, "payload": {}, "result": {"environmentId": "e", "contextKind": "user", "segments": []}, "response": {"status": 204, "ignore": ["/a"]}}]}`, "a 204 response has no body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conformance.Load(fstest.MapFS{"cases/f.json": {Data: []byte(tt.file)}}, "cases")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadMissingData(t *testing.T) {
	empty := t.TempDir()
	if _, err := conformance.LoadDir(empty); err == nil || !strings.Contains(err.Error(), "no case files (*.json) in "+empty) {
		t.Fatalf("LoadDir(empty dir) = %v; a run without data must fail, naming the directory", err)
	}
	if _, err := conformance.LoadDir(filepath.Join(t.TempDir(), "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("LoadDir(missing dir) = %v, want ErrNotExist", err)
	}
}

func TestLoadDirAndExport(t *testing.T) {
	dir := t.TempDir()
	file := `{"description": "d", "cases": [
	  {"name": "one", "spec": {"requestParser": {"environmentIdPath": "/e", "cohortIdPath": "/c", "cohortNamePath": "/n", "addMemberArrayPath": "/a", "removeMemberArrayPath": "/r", "memberArrayParser": {"memberIdPath": ""}}},
	   "integrationKey": "mine", "payload": {"e": "env", "c": "c1", "n": "N", "a": ["u1"], "r": [], "a": ["u2"]},
	   "result": {"environmentId": "env", "contextKind": "user", "segments": [{"cohortId": "c1", "cohortName": "N", "segmentKey": "mine-c1", "add": ["u2"], "remove": []}]}},
	  {"name": "broken", "spec": {}, "integrationKey": "broken", "compileErrors": [{"pointer": "/capabilities/syncedSegment/requestParser", "code": "required"}]}
	]}`
	if err := os.WriteFile(filepath.Join(dir, "mine.json"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := conformance.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := cases[0].PayloadBytes(); !strings.Contains(string(p), `"a": ["u1"], "r": [], "a": ["u2"]`) {
		t.Errorf("the payload lost its duplicate key: %s", p)
	}
	outcomes, err := conformance.Execute(t.Context(), conformance.Library{}, cases, conformance.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outcomes {
		if o.Status != conformance.Pass {
			t.Errorf("%s: %s %s", o.Case.ID(), o.Status, o.Detail)
		}
	}
	out := t.TempDir()
	keys, err := conformance.ExportManifests(out, cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != "mine" {
		t.Fatalf("exported %v, want [mine] (a spec that must not compile is not exported)", keys)
	}
	data, err := os.ReadFile(filepath.Join(out, "mine", "manifest.json"))
	if err != nil || !strings.Contains(string(data), `"syncedSegment"`) || !strings.Contains(string(data), `"name": "mine"`) {
		t.Fatalf("manifest: %s, %v", data, err)
	}
}
