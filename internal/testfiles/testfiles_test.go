package testfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("root %s has no go.mod: %v", root, err)
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Golden(t, path, "same\n")
}

// TestVendored checks that every vendored suite is present and not empty, with
// its licence and source note, and that a missing or empty one is an error.
func TestVendored(t *testing.T) {
	for _, dir := range []string{"JSONTestSuite", "json-patch-tests", "JSON-Schema-Test-Suite", "rfc6901", "manifests"} {
		p := Vendored(t, dir)
		if _, err := os.Stat(filepath.Join(p, "SOURCE.txt")); err != nil {
			t.Errorf("%s has no SOURCE.txt: %v", dir, err)
		}
	}
	for _, dir := range []string{"JSONTestSuite", "json-patch-tests", "JSON-Schema-Test-Suite", "manifests"} {
		if _, err := os.Stat(filepath.Join(Vendored(t, dir), "LICENSE")); err != nil {
			t.Errorf("%s has no LICENSE: %v", dir, err)
		}
	}
	if _, err := vendored("no-such-suite"); err == nil {
		t.Error("a missing suite is not an error")
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	empty, err := os.MkdirTemp(filepath.Join(root, "testdata"), "empty-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(empty)
	if _, err := vendored(filepath.Base(empty)); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty suite folder: got %v, want an error saying it is empty", err)
	}
}

// TestShared checks the mapping of the shared folder's paths to the vendored copies.
func TestShared(t *testing.T) {
	for rel, want := range map[string]string{
		"testdata/JSONTestSuite/test_parsing": "JSONTestSuite/test_parsing",
		"reference/manifests":                 "manifests",
		"reference/manifests/amplitude":       "manifests/amplitude",
	} {
		if got, v := Shared(t, rel), Vendored(t, want); got != v {
			t.Errorf("Shared(%q) = %s, want %s", rel, got, v)
		}
	}
	if n := len(SharedManifests(t)); n != 12 {
		t.Errorf("SharedManifests: %d manifests, want the twelve public ones", n)
	}
}
