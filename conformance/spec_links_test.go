package conformance_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/segsync/segsync/conformance"
)

// TestSpecLinks checks that every case docs/SPEC.md names (as file.json#case)
// exists, and that each of its sections 1 to 10 names at least one.
func TestSpecLinks(t *testing.T) {
	spec, err := os.ReadFile("../docs/SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]bool, len(cases))
	for _, c := range cases {
		ids[c.File+"#"+c.Name] = true
	}
	link := regexp.MustCompile(`\b([a-z0-9-]+\.json)#([A-Za-z0-9._+-]+)`)
	sections := regexp.MustCompile(`(?m)^## ([1-9][0-9]?)\. `).FindAllIndex(spec, -1)
	if len(sections) != 10 {
		t.Fatalf("docs/SPEC.md has %d numbered sections, want 10 (1 to 10)", len(sections))
	}
	for i, s := range sections {
		end := len(spec)
		if i+1 < len(sections) {
			end = sections[i+1][0]
		}
		text := string(spec[s[0]:end])
		heading, _, _ := strings.Cut(text, "\n")
		links := link.FindAllStringSubmatch(text, -1)
		if len(links) == 0 {
			t.Errorf("%s: names no case", heading)
		}
		for _, l := range links {
			if !ids[l[1]+"#"+l[2]] {
				t.Errorf("%s: %s#%s is not a bundled case", heading, l[1], l[2])
			}
		}
	}
}
