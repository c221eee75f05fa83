// Package captest holds what the tests of the capability programs share: the
// public manifests that have a capability, and the judging of a payload error.
// It is for tests only; nothing outside _test.go files imports it.
package captest

import (
	"errors"
	"os"
	"testing"

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
