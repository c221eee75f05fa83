package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/server"
)

// TestConformanceCommand runs the bundled suite against the library, exports the
// cases' manifests, serves them over loopback, and runs the suite against that
// server, as the README tells users to.
func TestConformanceCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"conformance"}, nil, &stdout, &stderr)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
	assert.Regexp(t, `(?m)^total\s+\d{3}\s+0\s+0\s+0$`, stdout.String())

	dir := t.TempDir()
	stdout.Reset()
	code = run([]string{"conformance", "--export-manifests", dir}, nil, &stdout, &stderr)
	require.Equal(t, 0, code, "stderr: %s", &stderr)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	_, err = os.Stat(filepath.Join(dir, entries[0].Name(), "manifest.json"))
	require.NoError(t, err)

	reg, err := server.LoadDir(dir)
	require.NoError(t, err)
	srv := httptest.NewServer(server.New(reg, server.WithToken("tok")))
	defer srv.Close()
	stdout.Reset()
	junit := filepath.Join(t.TempDir(), "report.xml")
	code = run([]string{"conformance", "--target", srv.URL, "--token", "tok", "--junit", junit}, nil, &stdout, &stderr)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
	assert.Regexp(t, `(?m)^total\s+\d{3}\s+0\s+`, stdout.String())
	report, err := os.ReadFile(junit)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(report), "<?xml"), "JUnit report: %.80s", report)

	stdout.Reset()
	code = run([]string{"conformance", "--target", srv.URL, "--token", "wrong"}, nil, &stdout, &stderr)
	assert.Equal(t, 1, code, "a server that refuses every request fails the suite")
}
