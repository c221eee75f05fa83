package handlebars

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/segsync/segsync/jsonvalue"
)

// goldenCase is one entry of testdata/cases.json.
type goldenCase struct {
	Name     string          `json:"name"`
	Template string          `json:"template"`
	Data     json.RawMessage `json:"data"`
	// Differs, when set, says why this package knowingly renders the case
	// otherwise than Handlebars.js: the test then requires another output or
	// an error, so that the difference stays documented.
	Differs string `json:"differs"`
}

// goldenResult is one entry of testdata/golden.json, written by Handlebars.js
// (testdata/gen/generate.js): its output, or the first line of its error.
type goldenResult struct {
	Name   string  `json:"name"`
	Output *string `json:"output"`
	Error  *string `json:"error"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("reading golden data: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
}

// TestGolden renders every case of testdata/cases.json, with the framework's
// helpers, and compares the output with what Handlebars.js 4.7.8 produced
// with the same JSON escaping and the framework's own helpers (see
// testdata/gen). A case on which Handlebars.js fails must fail here too, at
// Parse or Render; a case marked "differs" must render otherwise.
func TestGolden(t *testing.T) {
	var cases []goldenCase
	var results []goldenResult
	readJSON(t, "cases.json", &cases)
	readJSON(t, "golden.json", &results)
	want := make(map[string]goldenResult, len(results))
	for _, r := range results {
		want[r.Name] = r
	}
	if len(cases) < 60 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			w, ok := want[c.Name]
			if !ok {
				t.Fatalf("no golden result; run testdata/gen/generate.js")
			}
			data, err := jsonvalue.Decode(c.Data, 0)
			if err != nil {
				t.Fatalf("decoding data: %v", err)
			}
			tmpl, err := Parse(c.Template, WithFrameworkHelpers())
			var got string
			if err == nil {
				got, err = tmpl.Render(data)
			}
			if c.Differs != "" {
				if w.Output != nil && err == nil && got == *w.Output {
					t.Fatalf("marked as a difference (%s), but renders as Handlebars.js does: %q", c.Differs, got)
				}
				t.Logf("known difference: %s; we: %q, %v", c.Differs, got, err)
				return
			}
			switch {
			case w.Error != nil && err == nil:
				t.Fatalf("Handlebars.js fails with %q; we render %q", *w.Error, got)
			case w.Error != nil:
				t.Logf("Handlebars.js: %s; we: %v", *w.Error, err)
			case err != nil:
				t.Fatalf("error %v; Handlebars.js renders %q", err, *w.Output)
			case got != *w.Output:
				t.Errorf("template %q\n got %q\nwant %q", c.Template, got, *w.Output)
			}
		})
	}
}
