package testfiles

import (
	"encoding/json"
	"os"
	"testing"
)

// PointerFormatCase is one string instance of the JSON Schema test suite's
// json-pointer format tests: whether S is a valid JSON Pointer.
type PointerFormatCase struct {
	Description string
	S           string
	Valid       bool
	Index       int // the test's position in its group, non-string instances included
}

// PointerFormatCases loads the string instances of the JSON Schema suite's
// json-pointer format tests (draft 2020-12; other instances are outside the
// format's scope), failing t when the vendored file is missing or holds none.
func PointerFormatCases(t testing.TB) []PointerFormatCase {
	t.Helper()
	data, err := os.ReadFile(Vendored(t, "JSON-Schema-Test-Suite/tests/draft2020-12/optional/format/json-pointer.json"))
	if err != nil {
		t.Fatal(err)
	}
	var groups []struct {
		Tests []struct {
			Description string `json:"description"`
			Data        any    `json:"data"`
			Valid       bool   `json:"valid"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(data, &groups); err != nil {
		t.Fatal(err)
	}
	var out []PointerFormatCase
	for _, g := range groups {
		for i, tt := range g.Tests {
			if s, ok := tt.Data.(string); ok {
				out = append(out, PointerFormatCase{Description: tt.Description, S: s, Valid: tt.Valid, Index: i})
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no string instances in json-pointer.json: its format changed")
	}
	return out
}
