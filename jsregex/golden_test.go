package jsregex_test

//go:generate node testdata/gen/generate.js

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"testing"

	"github.com/segsync/segsync/jsregex"
)

// caseFile is testdata/cases.json: the patterns and inputs of the corpus, with
// the cases where segsync knowingly differs from JavaScript.
type caseFile struct {
	Cases []struct {
		Pattern     string
		Inputs      []string
		Why         string
		Unsupported string // valid JavaScript that RE2 cannot express: why
		Differs     []struct {
			Input   string
			Segsync bool // segsync's documented result
			Reason  string
		}
	}
}

// goldenFile is testdata/golden.json, written by testdata/gen/generate.js:
// what new RegExp(pattern).test(input) returns in Node.js.
type goldenFile struct {
	Node  string
	Cases []struct {
		Pattern string
		Error   string // JavaScript's SyntaxError message
		Results []struct {
			Input string
			Match bool
		}
	}
}

func readJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestGolden runs every corpus case through Translate and Go's regexp and
// compares the result with Node.js's, recorded in testdata/golden.json.
func TestGolden(t *testing.T) {
	var cases caseFile
	var golden goldenFile
	readJSON(t, "testdata/cases.json", &cases)
	readJSON(t, "testdata/golden.json", &golden)
	if golden.Node == "" || len(cases.Cases) == 0 {
		t.Fatal("golden.json names no Node.js version or cases.json is empty")
	}
	if len(golden.Cases) != len(cases.Cases) {
		t.Fatalf("golden.json has %d cases, cases.json %d: run go generate ./jsregex", len(golden.Cases), len(cases.Cases))
	}
	t.Logf("golden results from Node.js %s", golden.Node)
	for i, c := range cases.Cases {
		g := golden.Cases[i]
		if g.Pattern != c.Pattern || g.Error == "" && len(g.Results) != len(c.Inputs) {
			t.Fatalf("case %d (%q) is stale in golden.json: run go generate ./jsregex", i, c.Pattern)
		}
		t.Run(c.Pattern, func(t *testing.T) {
			out, err := jsregex.Translate(c.Pattern)
			var se *jsregex.SyntaxError
			if err != nil {
				if !errors.As(err, &se) {
					t.Fatalf("error %T is not a *SyntaxError: %v", err, err)
				}
				if se.Offset < 0 || se.Offset > len(c.Pattern) || se.Msg == "" {
					t.Errorf("bad SyntaxError %+v", se)
				}
			}
			switch {
			case g.Error != "":
				if c.Unsupported != "" {
					t.Fatalf("marked unsupported (%s), but JavaScript rejects it: %s", c.Unsupported, g.Error)
				}
				if err == nil {
					t.Fatalf("JavaScript rejects it (%s), Translate gives %q", g.Error, out)
				}
				return
			case c.Unsupported != "":
				if err == nil {
					t.Fatalf("RE2 cannot express it (%s), Translate gives %q", c.Unsupported, out)
				}
				return
			case err != nil:
				t.Fatalf("JavaScript accepts it, Translate: %v", err)
			}
			re, err := regexp.Compile(out)
			if err != nil {
				t.Fatalf("translation %q does not compile: %v", out, err)
			}
			for j, r := range g.Results {
				want := r.Match
				for _, d := range c.Differs {
					if d.Input != c.Inputs[j] {
						continue
					}
					if d.Segsync == want {
						t.Errorf("input %q is marked as differing (%s), but JavaScript gives %v too", d.Input, d.Reason, want)
					}
					want = d.Segsync
				}
				if got := re.MatchString(r.Input); got != want {
					t.Errorf("input %q: matches %v, want %v (translation %q)", r.Input, got, want, out)
				}
			}
		})
	}
}
