package server_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
)

func TestLoadFS(t *testing.T) {
	reg, err := server.LoadFS(os.DirFS("testdata/integrations"))
	require.NoError(t, err)
	assert.Equal(t, []string{"Audience-Hub", "acme-cdp"}, reg.Keys())

	manifest, err := os.ReadFile("testdata/integrations/acme-cdp/manifest.json")
	require.NoError(t, err)
	bad, err := os.ReadFile("testdata/broken/bad/manifest.json")
	require.NoError(t, err)
	_, err = server.LoadFS(fstest.MapFS{
		"one/manifest.json": {Data: manifest},
		"two/manifest.json": {Data: bad},
		"three/other.json":  {Data: bad},
	})
	var le *server.LoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Files, 1)
	assert.Equal(t, "two/manifest.json", le.Files[0].Path)

	_, err = server.LoadFS(fstest.MapFS{"x/readme.txt": {}})
	require.ErrorContains(t, err, "no manifests in the file system")
}

// TestLoadBadKeys: a directory whose name is not a valid key is refused, and its
// name printed quoted: one problem, one line, no terminal escapes.
func TestLoadBadKeys(t *testing.T) {
	manifest, err := os.ReadFile("testdata/integrations/acme-cdp/manifest.json")
	require.NoError(t, err)
	for _, name := range []string{"new\nline", "esc\x1b[31mred", "tab\tkey", "space key", "caf\u00e9", "\u212Aelvin", strings.Repeat("k", 129)} {
		t.Run(strings.ToValidUTF8(name[:min(len(name), 12)], "?"), func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.MkdirAll(filepath.Join(dir, name), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, name, "manifest.json"), manifest, 0o644))
			_, err := server.LoadDir(dir)
			var le *server.LoadError
			require.ErrorAs(t, err, &le)
			msg := err.Error()
			assert.Contains(t, msg, "not a valid integration key")
			assert.Equal(t, 0, strings.Count(msg, "\n"), "%s", msg)
			assert.NotContains(t, msg, "\x1b")
			assert.NotContains(t, msg, "\t")
		})
	}
}

// TestLoadManifestTooLarge: a manifest past MaxManifestBytes is refused without
// being read (a sparse file of 1 GiB takes no disk and no memory).
func TestLoadManifestTooLarge(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "huge"), 0o755))
	f, err := os.Create(filepath.Join(dir, "huge", "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<30))
	require.NoError(t, f.Close())
	_, err = server.LoadDir(dir)
	require.ErrorContains(t, err, "huge/manifest.json: the manifest is 1073741824 bytes, larger than the limit of 4194304")

	// A file system whose Stat does not tell the size is read only up to the limit.
	_, err = server.LoadFS(fstest.MapFS{"big/manifest.json": {Data: []byte(strings.Repeat(" ", server.MaxManifestBytes+1))}})
	require.ErrorContains(t, err, "larger than the limit")
}

func TestAtomicRegistry(t *testing.T) {
	a := &server.AtomicRegistry{}
	_, ok := a.Lookup("acme-cdp")
	assert.False(t, ok, "the zero value finds nothing")
	one, err := server.LoadDir("testdata/integrations")
	require.NoError(t, err)
	a.Store(one)
	in, ok := a.Lookup("acme-cdp")
	require.True(t, ok)
	two, err := server.NewRegistry(nil)
	require.NoError(t, err)
	a.Store(two)
	_, ok = a.Lookup("acme-cdp")
	assert.False(t, ok)
	assert.Same(t, two, a.Load())

	_, err = server.NewRegistry(map[string]*parser.Program{"bad key": in.Program})
	assert.True(t, err != nil && !errors.Is(err, os.ErrNotExist), "%v", err)
}
