package parser_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// sharedManifests returns the paths of the public manifests under
// ../shared/reference/manifests, keyed by integration key, skipping the test when
// the shared folder is absent.
func sharedManifests(t *testing.T) map[string]string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "reference", "manifests")
	paths, err := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no shared manifests under %s: this test runs only beside ../shared", dir)
	}
	out := make(map[string]string)
	for _, p := range paths {
		out[filepath.Base(filepath.Dir(p))] = p
	}
	return out
}

// TestSharedManifestsCompile compiles each public manifest that uses the
// capability and expects no error.
func TestSharedManifestsCompile(t *testing.T) {
	manifests := sharedManifests(t)
	require.Len(t, manifests, 12, "the twelve public manifests")
	for key, path := range manifests {
		t.Run(key, func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			m, err := spec.ParseManifest(data)
			require.NoError(t, err)
			prog, err := parser.Compile(m, parser.WithIntegrationKey(key))
			require.NoError(t, err)
			require.NotZero(t, prog.Mode())
		})
	}
}
