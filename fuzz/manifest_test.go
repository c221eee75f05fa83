package fuzz

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// manifestSeeds returns manifests to start from: the examples, the fuzz specs,
// hand-written broken ones, and the public manifests when ../shared is present.
func manifestSeeds() [][]byte {
	var out [][]byte
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*", "manifest.json"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "reference", "manifests", "*", "manifest.json"))
	for _, p := range append(paths, shared...) {
		if b, err := os.ReadFile(p); err == nil {
			out = append(out, b)
		}
	}
	for _, rs := range refSpecs {
		out = append(out, rs.manifest())
	}
	for _, m := range []string{
		``, `null`, `[]`, `{}`, `{"capabilities":[]}`, `{"capabilities":{"syncedSegment":1}}`,
		`{"capabilities":{"syncedSegment":{"requestParser":{"environmentIdPath":"e","cohortIdPath":"/c~2","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"(?<=x)"},"memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v","x":1}},"jsonResponseBody":"{{#if}"}}}`,
		`{"capabilities":{"syncedSegment":{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":"{\"ok\": {{#if errorMessage}}false, \"error\": \"{{{errorMessage}}}\"{{else}}true{{/if}}, \"body\": \"{{requestBody.e}}\"}"}}}`,
		`{"capabilities":{"syncedSegment":{"requestParser":{"environmentIdPath":"/batch[0]/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":"a{1000}{1000}"},"memberArrayParser":{"memberIdPath":"/id"}}}}}`,
	} {
		out = append(out, []byte(m))
	}
	return out
}

// FuzzManifest loads and compiles arbitrary manifest bytes, whole or as a bare
// syncedSegment object. Nothing may panic or hang; every error is spec.Problems
// whose problems have valid manifest pointers, codes and messages; a program that
// compiles runs payloads without panicking.
func FuzzManifest(f *testing.F) {
	for _, m := range manifestSeeds() {
		f.Add(m, false)
	}
	f.Add([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"","memberArrayParser":{"memberIdPath":"","booleanMembershipPath":""}}}`), true)
	f.Fuzz(func(t *testing.T, data []byte, bare bool) {
		tm := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("manifest %q: no answer in 5s", data)) })
		defer tm.Stop()
		load := spec.ParseManifest
		if bare {
			load = spec.ParseSyncedSegment
		}
		m, err := load(data)
		if m == nil {
			ps := checkProblems(t, err, false)
			if len(ps) != 1 {
				t.Fatalf("a manifest that does not load has %d problems, want 1: %v", len(ps), ps)
			}
			return
		}
		if err != nil {
			checkProblems(t, err, false)
		}
		prog, err := parser.Compile(m, parser.WithIntegrationKey("fuzz"), parser.WithLimits(fuzzLimits))
		if err != nil {
			if prog != nil {
				t.Fatalf("Compile returned a program and an error")
			}
			if len(checkProblems(t, err, true).Errors()) == 0 {
				t.Fatalf("Compile failed with no problem of severity Error: %v", err)
			}
			return
		}
		for _, w := range prog.Warnings() {
			checkProblem(t, w)
			if w.Severity != spec.SeverityWarning {
				t.Fatalf("Warnings holds an error: %v", w)
			}
		}
		for _, p := range payloadSeeds[:12] {
			checkPayload(t, prog, []byte(p))
		}
	})
}

// checkProblems checks that err is a non-empty spec.Problems, sorted by pointer
// when sorted is set, and returns it.
func checkProblems(t *testing.T, err error, sorted bool) spec.Problems {
	t.Helper()
	var ps spec.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T is not spec.Problems: %v", err, err)
	}
	if len(ps) == 0 {
		t.Fatalf("an empty spec.Problems as an error")
	}
	for i, p := range ps {
		checkProblem(t, p)
		if sorted && i > 0 && ps[i-1].Pointer > p.Pointer {
			t.Fatalf("problems not sorted: %v", ps)
		}
	}
	return ps
}

func checkProblem(t *testing.T, p *spec.Problem) {
	t.Helper()
	if p == nil {
		t.Fatalf("a nil problem")
	}
	if _, err := jsonpath.Parse(p.Pointer); err != nil {
		t.Fatalf("problem %v has an invalid pointer %q: %v", p, p.Pointer, err)
	}
	if p.Code == "" || p.Message == "" {
		t.Fatalf("problem %#v has no code or message", p)
	}
	if p.Severity != spec.SeverityError && p.Severity != spec.SeverityWarning {
		t.Fatalf("problem %#v has severity %d", p, p.Severity)
	}
}
