// Package captest holds what the tests of the capability programs share: the
// public manifests that have a capability, and the judging of a payload error.
// It is for tests only; nothing outside _test.go files imports it.
package captest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// WantError fails t unless err is a *parser.Error with the given code (and the
// status it answers) at the given payload pointer, naming a manifest field
// exactly when it names a payload place.
func WantError(t testing.TB, got any, err error, code parser.Code, pointer string) {
	t.Helper()
	var perr *parser.Error
	if !errors.As(err, &perr) {
		t.Fatalf("got %v, %v; want a *parser.Error %s at %q", got, err, code, pointer)
	}
	if perr.Code != code || perr.Status != code.Status() || perr.Pointer.String() != pointer {
		t.Errorf("got %s (%d) at %q, want %s at %q", perr.Code, perr.Status, perr.Pointer, code, pointer)
	}
	if (pointer != "") != (perr.Field != "") {
		t.Errorf("pointer %q with field %q", pointer, perr.Field)
	}
}

// WantParserError fails t unless err is nil or a *parser.Error: the property
// every fuzz target of a Parse checks.
func WantParserError(t testing.TB, err error) {
	t.Helper()
	var perr *parser.Error
	if err != nil && !errors.As(err, &perr) {
		t.Fatalf("error %T is not a *parser.Error: %v", err, err)
	}
}

// OtherManifests loads the manifests of testfiles.OtherManifests and returns those
// for which has reports true, keyed by integration key; it fails t when one
// does not load or when wantCount of them do not have the part has looks for,
// so that a test of a capability cannot pass on missing data.
func OtherManifests(t testing.TB, wantCount int, has func(*spec.Manifest) bool) map[string]*spec.Manifest {
	t.Helper()
	out := map[string]*spec.Manifest{}
	for key, path := range testfiles.OtherManifests(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m, err := spec.ParseManifest(data)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if has(m) {
			out[key] = m
		}
	}
	if len(out) != wantCount {
		t.Fatalf("captest: %d public manifests have the part, want %d", len(out), wantCount)
	}
	return out
}

// ProblemMessages returns the problems of every conformance case that keep
// selects and that wants compile errors or warnings, as a user sees them: a
// "== case" line, then each problem's text with its excerpt. compile gives a
// case's problems: its warnings when it compiles, else the spec.Problems error.
// It fails t when fewer than least cases were written, so that a golden file
// cannot pass on a corpus that did not load.
func ProblemMessages(t testing.TB, least int, keep func(*conformance.Case) bool, compile func(*conformance.Case) (spec.Problems, error)) string {
	t.Helper()
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	n := 0
	for _, c := range cases {
		if !c.WantsCompileErrors() && len(c.Warnings) == 0 || !keep(c) {
			continue
		}
		n++
		fmt.Fprintf(&b, "== %s\n", c.ID())
		ps, err := compile(c)
		if err != nil && !errors.As(err, &ps) {
			t.Fatalf("%s: %T %v", c.ID(), err, err)
		}
		for _, p := range ps {
			fmt.Fprintf(&b, "%s\n", p.Error())
		}
	}
	if n < least {
		t.Fatalf("only %d cases with compile problems: the corpus did not load", n)
	}
	return b.String()
}

// SameAsStream fails t unless a program's ParseReader, over body read one byte
// at a time, gives what its Parse gave (want, wantErr): an equal result, or a
// payload error equal in status, code, pointer, field, offset and message.
func SameAsStream[R any](t testing.TB, body []byte, want R, wantErr error, parseReader func(io.Reader) (R, error)) {
	t.Helper()
	got, err := parseReader(iotest.OneByteReader(bytes.NewReader(body)))
	if errText(err) != errText(wantErr) || (wantErr == nil && !reflect.DeepEqual(got, want)) {
		t.Fatalf("ParseReader(%q) = %+v, %s; Parse gave %+v, %s", body, got, errText(err), want, errText(wantErr))
	}
}

// errText is a payload error's fields as text, or another error's message.
func errText(err error) string {
	var pe *parser.Error
	switch {
	case err == nil:
		return "no error"
	case errors.As(err, &pe):
		return fmt.Sprintf("%d %s at %q (%s) offset %d: %s", pe.Status, pe.Code, pe.Pointer, pe.Field, pe.Offset, pe.Message)
	}
	return err.Error()
}
