package featurestore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/segsync/segsync/featurestore"
	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The public manifests that validate a feature store: each compiles with no
// error.
func TestPublicManifests(t *testing.T) {
	has := func(m *spec.Manifest) bool {
		fs := m.Capabilities.FeatureStore
		return fs != nil && fs.ValidationRequest != nil
	}
	for key, m := range captest.OtherManifests(t, 5, has) {
		if _, err := featurestore.Compile(m); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

func compile(t testing.TB, parserJSON string, opts ...parser.Option) *featurestore.Program {
	t.Helper()
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"featureStore": {"validationRequest": {"endpoint": {}, "parser": ` + parserJSON + `}}}}`))
	p, err := featurestore.Compile(m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParse(t *testing.T) {
	both := compile(t, `{"success": "/success", "errors": "/errors"}`)
	only := compile(t, `{"success": "/success"}`)
	tests := []struct {
		name    string
		prog    *featurestore.Program
		body    string
		want    featurestore.Validation
		code    parser.Code
		pointer string
	}{
		{"success", both, `{"success": true}`, featurestore.Validation{Success: true, Errors: []string{}}, "", ""},
		{"errors as an array", both, `{"success": false, "errors": ["a", "", "b"]}`, featurestore.Validation{Errors: []string{"a", "", "b"}}, "", ""},
		{"errors as a string", both, `{"success": false, "errors": "bad token"}`, featurestore.Validation{Errors: []string{"bad token"}}, "", ""},
		{"an empty string is one message", both, `{"success": false, "errors": ""}`, featurestore.Validation{Errors: []string{""}}, "", ""},
		{"null errors", both, `{"success": false, "errors": null}`, featurestore.Validation{Errors: []string{}}, "", ""},
		{"errors not read", only, `{"success": false, "errors": 5}`, featurestore.Validation{Errors: []string{}}, "", ""},
		{"no success", both, `{"errors": []}`, featurestore.Validation{}, parser.CodeMissing, "/success"},
		{"a string success", both, `{"success": "true"}`, featurestore.Validation{}, parser.CodeWrongType, "/success"},
		{"success before errors", both, `{"errors": 1, "success": 1}`, featurestore.Validation{}, parser.CodeWrongType, "/success"},
		{"a number of errors", both, `{"success": false, "errors": 2}`, featurestore.Validation{}, parser.CodeWrongType, "/errors"},
		{"a number among errors", both, `{"success": false, "errors": ["a", 2]}`, featurestore.Validation{}, parser.CodeWrongType, "/errors/1"},
		{"a null among errors", both, `{"success": false, "errors": [null]}`, featurestore.Validation{}, parser.CodeMissing, "/errors/0"},
		{"not JSON", both, `nul`, featurestore.Validation{}, parser.CodeInvalidJSON, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.prog.Parse([]byte(tt.body))
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, tt.pointer)
				return
			}
			if err != nil || !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

func TestCompileProblems(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"featureStore": {"validationRequest": {"endpoint": {}, "parser": {"errors": "/e"}}}}}`))
	_, err := featurestore.Compile(m)
	var ps spec.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != spec.CodeRequired || ps[0].Pointer != "/capabilities/featureStore/validationRequest/parser/success" {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"success": true}`, `{"success": false, "errors": ["x", "y"]}`, `{"success": false, "errors": "x"}`, `{"errors": [{}]}`} {
		f.Add([]byte(s))
	}
	prog := compile(f, `{"success": "/success", "errors": "/errors"}`, parser.WithLimits(parser.Limits{MaxMembers: 100}))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := prog.Parse(body)
		captest.WantParserError(t, err)
		captest.SameAsStream(t, body, got, err, prog.ParseReader)
		if err == nil && got.Errors == nil {
			t.Fatal("nil errors")
		}
	})
}
