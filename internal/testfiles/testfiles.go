// Package testfiles holds what the project's tests share for files outside their
// code: the read-only shared folder beside the repository (public test suites and
// the reference manifests) and golden files under testdata/ with an -update flag.
//
// It is for tests only; nothing outside _test.go files imports it.
package testfiles

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Shared returns the path of rel (slash-separated) inside the shared folder that
// sits beside the repository (../shared from the module root), skipping t with a
// message when it is absent: such tests run only beside the shared folder.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (%v): this test runs only beside ../shared", p, err)
	}
	return p
}

// SharedManifests returns the paths of the public manifests under
// shared/reference/manifests, keyed by integration key (their folder's name),
// skipping t when they are absent.
func SharedManifests(t testing.TB) map[string]string {
	t.Helper()
	dir := Shared(t, "reference/manifests")
	paths, err := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no manifests under %s (%v): this test runs only beside ../shared", dir, err)
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
