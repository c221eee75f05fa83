package fuzz

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// checkPayload runs one payload through a program three times (Parse twice,
// ParseReader once) and requires the same answer each time, and a well-formed
// error when there is one.
func checkPayload(t *testing.T, prog *parser.Program, payload []byte) {
	t.Helper()
	res1, err1 := prog.Parse(payload)
	res2, err2 := prog.Parse(payload)
	res3, err3 := prog.ParseReader(bytes.NewReader(payload))
	for i, e := range []error{err1, err2, err3} {
		if e == nil {
			continue
		}
		pe := asParserError(e)
		if pe == nil {
			t.Fatalf("run %d: error %T is not a *parser.Error: %v", i, e, e)
		}
		checkErrorShape(t, pe)
	}
	if d := cmp.Diff(errorKey(err1), errorKey(err2)); d != "" {
		t.Fatalf("Parse(%q) twice: errors differ:\n%s", payload, d)
	}
	if d := cmp.Diff(errorKey(err1), errorKey(err3)); d != "" {
		t.Fatalf("Parse and ParseReader(%q): errors differ:\n%s", payload, d)
	}
	if d := cmp.Diff(res1, res2); d != "" {
		t.Fatalf("Parse(%q) twice: results differ:\n%s", payload, d)
	}
	if d := cmp.Diff(res1, res3); d != "" {
		t.Fatalf("Parse and ParseReader(%q): results differ:\n%s", payload, d)
	}
	if err1 == nil {
		if res1 == nil || len(res1.Segments) == 0 {
			t.Fatalf("Parse(%q): a result without its top-level segment: %+v", payload, res1)
		}
		for _, sg := range res1.Segments {
			for _, l := range []parser.Members{sg.Add, sg.Remove} {
				if b, err := l.MarshalJSON(); err != nil || !bytes.HasPrefix(b, []byte("[")) {
					t.Fatalf("Parse(%q): an add or remove list that is not a JSON array: %s %v", payload, b, err)
				}
			}
		}
	}
}

// errorKey is what must be stable about an error: its code, pointer and field.
func errorKey(err error) *refError {
	pe := asParserError(err)
	if pe == nil {
		return nil
	}
	return &refError{Code: pe.Code, Pointer: pe.Pointer.String(), Field: pe.Field}
}

// examplePrograms compiles the examples and, when present, the public manifests,
// with default limits, once.
var examplePrograms = compiledOnce("compiling the examples", func() ([]*parser.Program, error) {
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*", "manifest.json"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "reference", "manifests", "*", "manifest.json"))
	var out []*parser.Program
	for _, p := range append(paths, shared...) {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		m, err := spec.ParseManifest(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		prog, err := parser.Compile(m, parser.WithIntegrationKey(filepath.Base(filepath.Dir(p))))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, prog)
	}
	return out, nil
})

// examplePayloads returns the payloads under examples/.
func examplePayloads() [][]byte {
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*", "payload.json"))
	var out [][]byte
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// FuzzPayload runs arbitrary payloads through the fuzz specs, the examples and
// the public manifests: the same payload gives the same answer every time, by
// Parse and ParseReader alike, and errors are well-formed.
func FuzzPayload(f *testing.F) {
	for _, p := range examplePayloads() {
		f.Add(p)
	}
	for _, p := range payloadSeeds {
		f.Add([]byte(p))
	}
	f.Add([]byte(`{"userId":"u","cohort_id":"c","cohort_name":"n","api_key":"k","users":[{"user_id":"a","in_cohort":true}]}`))
	f.Add([]byte(strings.Repeat(`{"a":`, 600) + "1" + strings.Repeat("}", 600)))
	f.Fuzz(func(t *testing.T, payload []byte) {
		progs := append(compiledSpecs(t), examplePrograms(t)...)
		for _, prog := range progs {
			checkPayload(t, prog, payload)
		}
	})
}
