package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
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
	assert.Regexp(t, `(?m)^total\s+\d{3}\s+0\s+0\s+0\s+0\s+0$`, stdout.String())
	assert.Regexp(t, `(?m)^conformance: \d{3} cases: \d{3} passed against library$`, stdout.String())

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
	stderr.Reset()
	code = run([]string{"conformance", "--target", srv.URL, "--token", "wrong"}, nil, &stdout, &stderr)
	assert.Equal(t, 2, code, "a server that refuses every request stops the run before it starts")
	assert.Empty(t, stdout.String())
	assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one message: %s", &stderr)
	assert.Regexp(t, `refuses every one of the \d+ integration keys \(401/403\): check the access token \(--token\)`, stderr.String())

	// segsync's own server has none of the TypeScript server's differences:
	// every tag of that profile is stale there, and the run fails.
	stdout.Reset()
	code = run([]string{"conformance", "--target", srv.URL, "--token", "tok", "--profile", "ts-validation-server"}, nil, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `(?m)^stale boolean-mode/member-null: profile ts-validation-server states 500 empty \(row member-not-object\), which did not occur: got 400 json: the case passes, the difference is gone$`, stdout.String())
	assert.Contains(t, stdout.String(), "profile ts-validation-server: convention successWithoutTemplate (\"200 empty\", row success-without-template) applied to no case: stale")
}

// TestConformancePreflight: a server that cannot be reached, or knows none of
// the keys, is one message and exit 2.
func TestConformancePreflight(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url404 := srv.URL
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for name, tt := range map[string]struct {
		url  string
		want string
	}{
		"refused":    {closed.URL, regexp.QuoteMeta("no answer to a request to " + closed.URL + "/api/v2/segment-targets/")},
		"404 on all": {url404, `it answers 404 for every one of the \d+ integration keys: has it loaded the manifests that --export-manifests writes, and does it serve /api/v2/segment-targets/\?`},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"conformance", "--target", tt.url, "--timeout", "2s"}, nil, &stdout, &stderr)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout.String())
			assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one message: %s", &stderr)
			assert.Regexp(t, tt.want, stderr.String())
		})
	}
}

// TestConformanceProfileFlag: --profile needs an HTTP target and names a
// bundled profile or a readable file.
func TestConformanceProfileFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"conformance", "--profile", "ts-validation-server"}, nil, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "--profile applies to an HTTP target only")
	stderr.Reset()
	assert.Equal(t, 2, run([]string{"conformance", "--target", "http://127.0.0.1:9", "--profile", "no-such-profile"}, nil, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "--profile no-such-profile: not a bundled profile (ts-validation-server) nor a readable file")
}
