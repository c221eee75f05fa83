package parser_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// TestSharedManifestsCompile compiles each public manifest that uses the
// capability and expects no error.
func TestSharedManifestsCompile(t *testing.T) {
	manifests := testfiles.SharedManifests(t)
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
