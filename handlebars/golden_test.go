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

// TestGolden renders every case of testdata/cases.json and compares the
// output with what Handlebars.js 4.7.8 produced, with the same JSON escaping.
// A case on which Handlebars.js fails must fail here too, at Parse or Render.
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
			tmpl, err := Parse(c.Template, WithHelper("equal", Equal))
			var got string
			if err == nil {
				got, err = tmpl.Render(data)
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
