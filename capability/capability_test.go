package capability_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Every public manifest, in both folders, compiles every parser it has and its
// templates parse: Check reports no error.
func TestPublicManifests(t *testing.T) {
	counts := map[string]int{}
	for _, set := range []map[string]string{testfiles.SharedManifests(t), testfiles.OtherManifests(t)} {
		for key, path := range set {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := spec.ParseManifest(data)
			if err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			ps := capability.Check(m, os.DirFS(filepath.Dir(path)))
			if err := ps.Err(); err != nil {
				t.Errorf("%s: %v", key, ps.Errors())
			}
			for _, name := range capability.Names(m) {
				if _, ok := capability.FormVariable(name); ok {
					name = "dynamicOptions"
				}
				counts[name]++
			}
		}
	}
	want := map[string]int{"syncedSegment": 12, "trigger": 7, "approval.creationRequest": 6, "approval.statusRequest": 6,
		"approval.postApplyRequest": 6, "approval.deletionRequest": 6, "approval.memberListRequest": 5,
		"featureStore.validationRequest": 5, "dynamicOptions": 2}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s: %d parsers, want %d", k, counts[k], v)
		}
	}
}

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		name string
		at   string
		ok   bool
	}{
		{"formVariables/0.dynamicOptions", "/formVariables/0", true},
		{"approval.environmentFormVariables/12.dynamicOptions", "/capabilities/approval/environmentFormVariables/12", true},
		{"featureStore.formVariables/1.dynamicOptions", "/capabilities/featureStore/formVariables/1", true},
		{"formVariables/01.dynamicOptions", "", false},
		{"formVariables/-1.dynamicOptions", "", false},
		{"other/1.dynamicOptions", "", false},
	} {
		at, ok := capability.FormVariable(tt.name)
		if ok != tt.ok || at.String() != tt.at {
			t.Errorf("%s: got %q %v, want %q %v", tt.name, at, ok, tt.at, tt.ok)
		}
	}
	if err := capability.Valid("approval.bogus"); err == nil {
		t.Error("approval.bogus is valid")
	}
}

func TestCheck(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {
	  "trigger": {"parser": {"eventName": "name"}},
	  "auditLogEventsHook": {"templates": {"flag": "{{#if x}}", "default": "templates/missing.hbs"}},
	  "flagLink": {"uiBlocks": {"name": "{{name", "title": {"elements": [{"text": "{{equal a b}}"}]}}}
	}}`))
	got := map[string]spec.Code{}
	for _, p := range capability.Check(m, os.DirFS(t.TempDir())) {
		got[p.Pointer] = p.Code
	}
	want := map[string]spec.Code{
		"/capabilities/trigger/parser/eventName":                spec.CodeInvalidPointer,
		"/capabilities/auditLogEventsHook/templates/flag":       spec.CodeInvalidTemplate,
		"/capabilities/auditLogEventsHook/templates/default":    spec.CodeTemplateFile,
		"/capabilities/flagLink/uiBlocks/name":                  spec.CodeInvalidTemplate,
		"/capabilities/flagLink/uiBlocks/title/elements/0/text": spec.CodeInvalidTemplate,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %s", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
}

func TestCompile(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"trigger": {"parser": {"eventName": "/e"}}}}`))
	p, err := capability.Compile(m, capability.Trigger)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Parse([]byte(`{"e": 1}`)); err != nil {
		t.Error(err)
	}
	_, err = p.Parse([]byte(`{"e": {}}`))
	var perr *parser.Error
	if !errors.As(err, &perr) || perr.Code != parser.CodeWrongType {
		t.Errorf("got %v", err)
	}
	if _, err := capability.Compile(m, capability.FeatureStore); err == nil {
		t.Error("a missing capability compiled")
	}
}
