package conformance_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/internal/testfiles"
)

// vendoredTestdata returns the contents of a file vendored under the module's
// testdata/, failing the test when it is missing or empty.
func vendoredTestdata(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(testfiles.Vendored(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pointerSpec is a named-arrays spec whose cohortIdPath is "/doc" followed by
// pointer, so that the pointer is evaluated inside the payload's "doc".
func pointerSpec(pointer string) json.RawMessage {
	p, _ := json.Marshal("/doc" + pointer)
	return json.RawMessage(`{"requestParser": {"environmentIdPath": "/env", "cohortIdPath": ` + string(p) +
		`, "cohortNamePath": "/name", "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove", "memberArrayParser": {"memberIdPath": ""}}}`)
}

// pointerCase builds a case that evaluates pointer inside doc and wants the
// value expected, by the rules of SEMANTICS §3 and §4: a string or number is
// the cohort ID, another value is wrong_type, and nothing found is missing.
func pointerCase(group, name, pointer string, doc json.RawMessage, expected json.RawMessage, found bool) *conformance.Case {
	c := &conformance.Case{
		Name: name, Group: group, File: group + ".json", Spec: pointerSpec(pointer),
		Payload: json.RawMessage(`{"env": "e", "name": "N", "add": [], "remove": [], "doc": ` + string(doc) + `}`),
	}
	at := "/doc" + pointer
	var v any
	dec := json.NewDecoder(bytes.NewReader(expected))
	dec.UseNumber()
	_ = dec.Decode(&v)
	if !found || v == nil { // null counts as absent
		c.Error = &conformance.PayloadError{Status: 400, Code: "missing", Pointer: at, Field: "cohortIdPath"}
		return c
	}
	switch x := v.(type) {
	case string, json.Number:
		id := fmt.Sprint(x)
		c.Result = &conformance.Result{EnvironmentID: "e", ContextKind: "user", Segments: []conformance.Segment{{CohortID: id, CohortName: "N", Add: []string{}, Remove: []string{}}}}
	default:
		c.Error = &conformance.PayloadError{Status: 400, Code: "wrong_type", Pointer: at, Field: "cohortIdPath"}
	}
	return c
}

// TestRFC6901Examples evaluates RFC 6901 §5's example pointers as cohort paths.
func TestRFC6901Examples(t *testing.T) {
	f := testfiles.RFC6901Examples(t)
	var cases []*conformance.Case
	for i, ex := range f.Cases {
		cases = append(cases, pointerCase("rfc6901", fmt.Sprintf("section5-%d", i), ex.Pointer, f.Document, ex.Want(f.Document), true))
	}
	conformance.RunCases(t, conformance.Library{}, cases, conformance.Options{})
}

// TestJSONPatchPointers evaluates the pointers of json-patch-tests' successful
// "test" operations over their documents.
func TestJSONPatchPointers(t *testing.T) {
	var tests []struct {
		Comment  string            `json:"comment"`
		Doc      json.RawMessage   `json:"doc"`
		Patch    []json.RawMessage `json:"patch"`
		Expected json.RawMessage   `json:"expected"`
		Error    string            `json:"error"`
		Disabled bool              `json:"disabled"`
	}
	if err := json.Unmarshal(vendoredTestdata(t, "json-patch-tests/tests.json"), &tests); err != nil {
		t.Fatal(err)
	}
	var cases []*conformance.Case
	for i, tt := range tests {
		if tt.Disabled || len(tt.Patch) != 1 {
			continue
		}
		var op struct {
			Op    string          `json:"op"`
			Path  string          `json:"path"`
			Value json.RawMessage `json:"value"`
		}
		// A failing test operation may fail for its value as well as for its
		// path, so only the successful ones say what the pointer finds.
		if json.Unmarshal(tt.Patch[0], &op) != nil || op.Op != "test" || tt.Error != "" {
			continue
		}
		cases = append(cases, pointerCase("json-patch-tests", fmt.Sprintf("test-%d", i), op.Path, tt.Doc, op.Value, true))
	}
	if len(cases) == 0 {
		t.Fatal("no test operation found in json-patch-tests")
	}
	conformance.RunCases(t, conformance.Library{}, cases, conformance.Options{})
}

// TestJSONSchemaPointerFormat compiles each string of the JSON Schema suite's
// json-pointer format tests as a path: valid pointers compile, others are
// invalid_pointer.
func TestJSONSchemaPointerFormat(t *testing.T) {
	var cases []*conformance.Case
	for _, tc := range testfiles.PointerFormatCases(t) {
		c := &conformance.Case{Name: fmt.Sprintf("format-%d", tc.Index), Description: tc.Description, Group: "json-schema-pointer", File: "json-schema-pointer.json"}
		p, _ := json.Marshal(tc.S)
		c.Spec = json.RawMessage(`{"requestParser": {"environmentIdPath": ` + string(p) +
			`, "cohortIdPath": "/c", "cohortNamePath": "/name", "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove", "memberArrayParser": {"memberIdPath": ""}}}`)
		if tc.Valid {
			c.Warnings = []conformance.Problem{}
		} else {
			c.CompileErrors = []conformance.Problem{{Pointer: "/capabilities/syncedSegment/requestParser/environmentIdPath", Code: "invalid_pointer"}}
		}
		cases = append(cases, c)
	}
	conformance.RunCases(t, conformance.Library{}, cases, conformance.Options{})
}
