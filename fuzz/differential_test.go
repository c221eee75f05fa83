package fuzz

import (
	"bytes"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/parser"
)

// FuzzDifferential runs arbitrary payload bytes through every compiled spec with
// Parse and with ParseReader, and through the reference evaluator, and requires
// the three to agree: the same result, or the same error code, pointer and field.
func FuzzDifferential(f *testing.F) {
	for _, p := range payloadSeeds {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		progs := compiledSpecs(t)
		for i, rs := range refSpecs {
			checkAgainstReference(t, rs, progs[i], payload)
		}
	})
}

// checkAgainstReference runs one payload through a program both ways and through
// the reference evaluator, and fails the test on any disagreement.
func checkAgainstReference(t *testing.T, rs *refSpec, prog *parser.Program, payload []byte) {
	t.Helper()
	want, wantErr := rs.eval(payload)
	got, err := prog.Parse(payload)
	compareWithReference(t, rs.Name+": Parse", payload, want, wantErr, got, err)
	got, err = prog.ParseReader(iotest.HalfReader(bytes.NewReader(payload)))
	compareWithReference(t, rs.Name+": ParseReader", payload, want, wantErr, got, err)
}

func compareWithReference(t *testing.T, what string, payload []byte, want *parser.Result, wantErr *refError, got *parser.Result, err error) {
	t.Helper()
	if err != nil {
		pe := asParserError(err)
		if pe == nil {
			t.Fatalf("%s(%q): error %T is not a *parser.Error: %v", what, payload, err, err)
		}
		checkErrorShape(t, pe)
		if wantErr == nil {
			t.Fatalf("%s(%q): got error %v, the reference accepts it:\n%s", what, payload, err, mustJSON(want))
		}
		gotErr := &refError{Code: pe.Code, Pointer: pe.Pointer.String(), Field: pe.Field}
		if diff := cmp.Diff(wantErr, gotErr); diff != "" {
			t.Fatalf("%s(%q): error differs from the reference (-want +got):\n%s\nerror: %v", what, payload, diff, err)
		}
		return
	}
	if got == nil {
		t.Fatalf("%s(%q): nil result and nil error", what, payload)
	}
	if wantErr != nil {
		t.Fatalf("%s(%q): got a result, the reference says %v:\n%s", what, payload, wantErr, mustJSON(got))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s(%q): result differs from the reference (-want +got):\n%s", what, payload, diff)
	}
}
