// Package testfiles holds what the project's tests share for files outside their
// code: the public suites vendored under the module's testdata/ folder (each with
// its licence and SOURCE.txt) and golden files under a package's testdata/ with an
// -update flag.
//
// It is for tests only; nothing outside _test.go files imports it.
package testfiles

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Vendored returns the path of rel (slash-separated) inside the module's
// testdata/ folder, where the public suites the tests read are vendored. It fails
// t, never skips it, when the path is missing, is an empty file or an empty
// folder: a test must not pass on missing data.
func Vendored(t testing.TB, rel string) string {
	t.Helper()
	p, err := vendored(rel)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func vendored(rel string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("testfiles: finding the module root: %w", err)
	}
	p := filepath.Join(root, "testdata", filepath.FromSlash(rel))
	fi, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("testfiles: the vendored %s is missing (%w): restore testdata/ from the repository", rel, err)
	}
	if fi.IsDir() {
		entries, err := os.ReadDir(p)
		if err != nil {
			return "", fmt.Errorf("testfiles: %w", err)
		}
		if len(entries) == 0 {
			return "", fmt.Errorf("testfiles: the vendored folder %s is empty", rel)
		}
	} else if fi.Size() == 0 {
		return "", fmt.Errorf("testfiles: the vendored file %s is empty", rel)
	}
	return p, nil
}

// Shared maps a path of the shared folder the tests once read beside the
// repository (../shared: "testdata/<suite>/..." and "reference/manifests") to its
// vendored copy under the module's testdata/, failing t as [Vendored] does. It
// fails t for any other path, which has no vendored copy.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	switch {
	case strings.HasPrefix(rel, "testdata/"):
		return Vendored(t, strings.TrimPrefix(rel, "testdata/"))
	case rel == "reference/manifests" || strings.HasPrefix(rel, "reference/manifests/"):
		return Vendored(t, "manifests"+strings.TrimPrefix(rel, "reference/manifests"))
	}
	t.Fatalf("testfiles: %s of the shared folder is not vendored under testdata/", rel)
	return ""
}

// SharedManifests returns the paths of the public manifests vendored under
// testdata/manifests, keyed by integration key (their folder's name), failing t
// when there are none.
func SharedManifests(t testing.TB) map[string]string {
	t.Helper()
	return manifestsIn(t, "manifests")
}

// OtherManifests returns the paths of the public manifests vendored under
// testdata/manifests-other (those with the framework's other declarative
// parsers: trigger, approval, feature-store validation, dynamic options), keyed
// by integration key, failing t when there are none.
func OtherManifests(t testing.TB) map[string]string {
	t.Helper()
	return manifestsIn(t, "manifests-other")
}

// manifestsIn returns the <key>/manifest.json files of the vendored folder rel,
// keyed by key, failing t when there are none.
func manifestsIn(t testing.TB, rel string) map[string]string {
	t.Helper()
	dir := Vendored(t, rel)
	paths, err := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("testfiles: no <key>/manifest.json under %s (%v)", dir, err)
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		out[filepath.Base(filepath.Dir(p))] = p
	}
	return out
}

// Golden compares got with the file at path (relative to the test's package), or
// rewrites the file when the tests run with -update.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// moduleRoot finds the folder of go.mod, from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
