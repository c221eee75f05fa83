package parser_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// sharedWarnings are the warnings each public manifest gets; the others get none.
var sharedWarnings = map[string][]string{
	// ^(add_member|remove_member)$ matches the remove action: a remove_member
	// payload adds its members.
	"tealium-synced-segments": {"matcher_matches_remove at /capabilities/syncedSegment/requestParser/arrayInclusion/matcher"},
}

// TestSharedManifestsCompile compiles each public manifest that uses the
// capability and expects no error, and exactly the warnings of sharedWarnings.
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
			var got []string
			for _, w := range prog.Warnings() {
				got = append(got, string(w.Code)+" at "+w.Pointer)
			}
			require.Equal(t, sharedWarnings[key], got)
		})
	}
}
