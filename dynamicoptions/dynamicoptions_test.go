package dynamicoptions_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/segsync/segsync/dynamicoptions"
	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The public manifests' dynamicOptions parsers (one top-level, one in an
// approval's environmentFormVariables) compile with no error.
func TestPublicManifests(t *testing.T) {
	has := func(m *spec.Manifest) bool {
		return slices.ContainsFunc(m.AllFormVariables(), func(fv *spec.FormVariable) bool { return fv.DynamicOptions != nil })
	}
	for key, m := range captest.OtherManifests(t, 2, has) {
		for _, fv := range m.AllFormVariables() {
			if fv.DynamicOptions == nil {
				continue
			}
			if _, err := dynamicoptions.Compile(m, fv.At); err != nil {
				t.Errorf("%s %s: %v", key, fv.At, err)
			}
		}
	}
}

const manifest = `{"formVariables": [{"key": "a"}], "capabilities": {"approval": {"environmentFormVariables": [
  {"key": "template", "type": "dynamicEnum", "dynamicOptions": {"endpoint": {},
    "parser": {"optionsPath": "/result", "optionsItems": {"label": "/sys_name/display_value", "value": "/sys_id/value"}}}}]}}}`

func TestParse(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(manifest))
	prog, err := dynamicoptions.Compile(m, jsonpath.MustParse("/capabilities/approval/environmentFormVariables/0"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		body    string
		want    []dynamicoptions.Option
		code    parser.Code
		pointer string
	}{
		{"options", `{"result": [{"sys_name": {"display_value": "Reboot"}, "sys_id": {"value": "9f1"}}, {"sys_name": {"display_value": "Patch"}, "sys_id": {"value": 42}}]}`,
			[]dynamicoptions.Option{{"Reboot", "9f1"}, {"Patch", "42"}}, "", ""},
		{"none", `{"result": []}`, []dynamicoptions.Option{}, "", ""},
		{"label first", `{"result": [{"sys_id": {}}]}`, nil, parser.CodeMissing, "/result/0/sys_name/display_value"},
		{"empty value", `{"result": [{"sys_name": {"display_value": "x"}, "sys_id": {"value": ""}}]}`, nil, parser.CodeInvalidValue, "/result/0/sys_id/value"},
		{"no array", `{"results": []}`, nil, parser.CodeMissing, "/result"},
		{"not JSON", `{`, nil, parser.CodeInvalidJSON, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := prog.Parse([]byte(tt.body))
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, tt.pointer)
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

func TestCompileProblems(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(manifest))
	for _, tt := range []struct{ at, want string }{
		{"/formVariables/0", "/formVariables/0/dynamicOptions"},
		{"/formVariables/1", "/formVariables/1"},
	} {
		_, err := dynamicoptions.Compile(m, jsonpath.MustParse(tt.at))
		var ps spec.Problems
		if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Pointer != tt.want || ps[0].Code != spec.CodeRequired {
			t.Errorf("%s: got %v, want required at %s", tt.at, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"result": [{"sys_name": {"display_value": "a"}, "sys_id": {"value": 1}}]}`, `{"result": [[]]}`, `{"result": 0}`} {
		f.Add([]byte(s))
	}
	m, _ := spec.ParseManifest([]byte(manifest))
	prog, err := dynamicoptions.Compile(m, jsonpath.MustParse("/capabilities/approval/environmentFormVariables/0"), parser.WithLimits(parser.Limits{MaxMembers: 100}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := prog.Parse(body)
		captest.WantParserError(t, err)
		captest.SameAsStream(t, body, got, err, prog.ParseReader)
		for _, o := range got {
			if o.Label == "" || o.Value == "" {
				t.Fatalf("an empty text in %v", got)
			}
		}
	})
}
