package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
	"github.com/segsync/segsync/spec"
)

func newServer(t *testing.T, opts ...server.Option) *httptest.Server {
	t.Helper()
	reg, err := server.LoadDir("testdata/integrations", parser.WithLimits(parser.Limits{MaxBytes: 4096}))
	require.NoError(t, err)
	srv := httptest.NewServer(server.New(reg, opts...))
	t.Cleanup(srv.Close)
	return srv
}

func TestHandler(t *testing.T) {
	logs := &syncBuffer{}
	srv := newServer(t, server.WithToken("s3cret"), server.WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	acme := `{"environmentId":"env-1","batch":[{"userId":"member-secret-1","value":true,"cohortId":"c1","cohortName":"One"},{"userId":"u2","value":false}]}`
	hub := `{"env":"env-2","note":"say \"hi\" </script>","audience":{"id":"a1","name":"A","add":["x","y"],"remove":["z"]}}`
	tests := []struct {
		name        string
		method      string
		path        string
		auth        string
		contentType string
		body        string
		status      int
	}{
		{"success-no-template", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "application/json", acme, 204},
		{"validation-server-spelling", "POST", "/api/v2/segment-target/acme-cdp", "s3cret", "application/json", acme, 204},
		{"bearer-token", "POST", "/api/v2/segment-targets/acme-cdp", "Bearer s3cret", "application/json; charset=utf-8", acme, 204},
		{"bearer-lowercase-extra-space", "POST", "/api/v2/segment-targets/acme-cdp", "bearer  s3cret", "application/json", acme, 204},
		{"token-prefix-only", "POST", "/api/v2/segment-targets/acme-cdp", "s3cretX", "application/json", acme, 403},
		{"token-truncated", "POST", "/api/v2/segment-targets/acme-cdp", "Bearer s3cre", "application/json", acme, 403},
		{"vendor-json-content-type", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "application/vnd.acme+json", acme, 204},
		{"non-application-json-suffix", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "text/foo+json", acme, 415},
		{"key-case-insensitive", "POST", "/api/v2/segment-targets/ACME-CDP", "s3cret", "application/json", acme, 204},
		{"success-template", "POST", "/api/v2/segment-targets/audience-hub", "s3cret", "application/json", hub, 200},
		{"payload-error-no-template", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "application/json", `{"environmentId":"e","batch":[{"userId":"","value":true,"cohortId":"c","cohortName":"C"}]}`, 400},
		{"payload-error-template", "POST", "/api/v2/segment-targets/Audience-Hub", "s3cret", "application/json", `{"env":"e","audience":{"id":"a1","name":"A","add":[{"id":"x"}]}}`, 400},
		{"invalid-json", "POST", "/api/v2/segment-targets/audience-hub", "s3cret", "application/json", `{"env":`, 400},
		{"unknown-key", "POST", "/api/v2/segment-targets/nope", "s3cret", "application/json", acme, 404},
		{"wrong-method", "GET", "/api/v2/segment-targets/acme-cdp", "s3cret", "", "", 405},
		{"head-method", "HEAD", "/api/v2/segment-targets/acme-cdp", "", "", "", 405},
		{"unknown-key-no-token", "POST", "/api/v2/segment-targets/nope", "", "application/json", acme, 403},
		{"trailing-slash", "POST", "/api/v2/segment-targets/acme-cdp/", "s3cret", "application/json", acme, 404},
		{"unknown-path", "POST", "/api/v2/segments/acme-cdp", "s3cret", "application/json", acme, 404},
		{"no-token", "POST", "/api/v2/segment-targets/acme-cdp", "", "application/json", acme, 403},
		{"wrong-token", "POST", "/api/v2/segment-targets/acme-cdp", "Bearer nope", "application/json", acme, 403},
		{"not-json-content-type", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "text/plain", acme, 415},
		{"no-content-type", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "", acme, 415},
		{"too-large-no-template", "POST", "/api/v2/segment-targets/acme-cdp", "s3cret", "application/json", `{"x":"` + strings.Repeat("a", 5000) + `"}`, 413},
		{"too-large-template", "POST", "/api/v2/segment-targets/audience-hub", "s3cret", "application/json", `{"x":"` + strings.Repeat("a", 5000) + `"}`, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			require.NoError(t, err)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode, "body: %s", body)
			if tt.status == 405 {
				assert.Equal(t, "POST", resp.Header.Get("Allow"))
			}
			switch {
			case tt.status == 204 || tt.method == "HEAD":
				assert.Empty(t, body)
				if tt.status == 204 {
					assert.Empty(t, resp.Header.Get("Content-Type"), "a 204 has no body to type")
				}
			default:
				assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
				require.True(t, json.Valid(body), "body is not JSON: %s", body)
				testfiles.Golden(t, filepath.Join("testdata", "golden", tt.name+".json"), string(body)+"\n")
			}
		})
	}
	waitLines(t, logs, len(tests)) // one line per request
	assert.Contains(t, logs.String(), "integration=acme-cdp status=204 segments=1 adds=1 removes=1")
	assert.Contains(t, logs.String(), "integration=Audience-Hub status=200")
	assert.NotContains(t, logs.String(), "member-secret-1", "logs never hold members")
}

func TestHandlerResponseOptionsAndResults(t *testing.T) {
	var got []*parser.Result
	srv := newServer(t,
		server.WithResponseOptions(func(r *http.Request, in *server.Integration) parser.ResponseOptions {
			return parser.ResponseOptions{ProjectKey: "proj", EnvironmentKey: "prod"}
		}),
		server.WithResultFunc(func(_ context.Context, in *server.Integration, res *parser.Result) error {
			if res.EnvironmentID == "fail" {
				return errors.New("store down")
			}
			got = append(got, res)
			return nil
		}))
	post := func(body string) (int, map[string]any) {
		resp, err := http.Post(srv.URL+"/api/v2/segment-targets/audience-hub", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return resp.StatusCode, out
	}
	status, body := post(`{"env":"e1","audience":{"id":"a1","name":"A","add":["x"]}}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, "proj", body["projectKey"])
	assert.Equal(t, "prod", body["environmentKey"])
	assert.Equal(t, "Audience-Hub-a1", body["segmentKey"])
	assert.Equal(t, "https://app.launchdarkly.com/proj/prod/segments/Audience-Hub-a1/targeting", body["segmentUrl"])
	require.Len(t, got, 1)
	assert.Equal(t, []string{"x"}, got[0].Segments[0].Add.Strings())

	// A failure to apply is answered with the template, the payload's context and
	// a generic message: the cause is only logged.
	status, body = post(`{"env":"fail","note":"hi","audience":{"id":"a1","name":"A"}}`)
	assert.Equal(t, 500, status)
	assert.Equal(t, map[string]any{"message": "the segment update could not be applied", "code": float64(500)}, body["error"])
	assert.Equal(t, "prod", body["environmentKey"])
	assert.Equal(t, "Audience-Hub-a1", body["segmentKey"])
	assert.Equal(t, "hi", body["echo"])
	assert.Len(t, got, 1)

	// A rejected payload never reaches the result func.
	status, _ = post(`{"env":"e1","audience":{"id":"a1","name":"A","add":[""]}}`)
	assert.Equal(t, 400, status)
	assert.Len(t, got, 1)
}

// TestResultFuncOnlyForSuccess: a payload whose success answer cannot be rendered
// is answered 500 and not applied; a *parser.Error from the result func sets the
// answer's status.
func TestResultFuncOnlyForSuccess(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/id","cohortNamePath":"/name",
	  "addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
	  "jsonResponseBody":"{\"a\": 1 {{#if requestBody.x}},{{/if}} }"}`))
	require.NoError(t, err)
	prog, err := parser.Compile(m, parser.WithIntegrationKey("flaky"))
	require.NoError(t, err)
	reg, err := server.NewRegistry(map[string]*parser.Program{"flaky": prog})
	require.NoError(t, err)
	applied := 0
	srv := httptest.NewServer(server.New(reg, server.WithResultFunc(func(_ context.Context, _ *server.Integration, res *parser.Result) error {
		applied++
		if res.EnvironmentID == "busy" {
			return &parser.Error{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "try again"}
		}
		return nil
	})))
	t.Cleanup(srv.Close)
	post := func(body string) int {
		resp, err := http.Post(srv.URL+"/api/v2/segment-targets/flaky", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, 500, post(`{"env":"e","id":"c","name":"C","add":["u1"],"x":true}`))
	assert.Equal(t, 0, applied, "a payload answered 500 is not applied")
	assert.Equal(t, 200, post(`{"env":"e","id":"c","name":"C","add":["u1"]}`))
	assert.Equal(t, 1, applied)
	assert.Equal(t, 503, post(`{"env":"busy","id":"c","name":"C","add":["u1"]}`))
	assert.Equal(t, 2, applied)
}

func TestLoadDirErrors(t *testing.T) {
	_, err := server.LoadDir("testdata/broken")
	var le *server.LoadError
	require.True(t, errors.As(err, &le), "got %v", err)
	require.Len(t, le.Files, 3)
	assert.Equal(t, filepath.Join("testdata", "broken", "bad", "manifest.json"), le.Files[0].Path)
	assert.Equal(t, filepath.Join("testdata", "broken", "mixed", "manifest.json"), le.Files[1].Path)
	assert.Equal(t, filepath.Join("testdata", "broken", "worse", "manifest.json"), le.Files[2].Path)
	assert.Contains(t, err.Error(), "bad/manifest.json: /capabilities/syncedSegment/requestParser/environmentIdPath:")
	// A manifest with structural problems still reports every problem, as
	// parser.Compile finds them.
	var ps spec.Problems
	require.ErrorAs(t, le.Files[1].Err, &ps)
	assert.Equal(t, []string{"/capabilities/syncedSegment/requestParser/bogus", "/capabilities/syncedSegment/requestParser/cohortNamePath"}, problemPointers(ps))

	_, err = server.LoadDir("testdata/nothing-here")
	require.ErrorIs(t, err, fs.ErrNotExist)

	_, err = server.LoadDir(t.TempDir())
	require.ErrorContains(t, err, "no manifests under")
}

// TestLoadDirAnyPath: the directory's path is a path, not a pattern.
func TestLoadDirAnyPath(t *testing.T) {
	for _, name := range []string{"integrations[prod]", "a*b?c", `back\slash`, "[unclosed"} {
		dir := filepath.Join(t.TempDir(), name)
		require.NoError(t, os.CopyFS(dir, os.DirFS("testdata/integrations")))
		reg, err := server.LoadDir(dir)
		require.NoError(t, err, name)
		assert.Equal(t, []string{"Audience-Hub", "acme-cdp"}, reg.Keys(), name)
	}
}

func TestRegistry(t *testing.T) {
	reg, err := server.LoadDir("testdata/integrations")
	require.NoError(t, err)
	assert.Equal(t, []string{"Audience-Hub", "acme-cdp"}, reg.Keys())
	in, ok := reg.Lookup("audience-HUB")
	require.True(t, ok)
	assert.Equal(t, "Audience-Hub", in.Key)
	_, err = server.NewRegistry(map[string]*parser.Program{"a": in.Program, "A": in.Program})
	require.Error(t, err)
}

// TestSharedManifests serves the twelve public manifests and sends each an
// empty object, which every one of them must refuse with a 400 and JSON.
func TestSharedManifests(t *testing.T) {
	dir := testfiles.Shared(t, "reference/manifests")
	reg, err := server.LoadDir(dir)
	require.NoError(t, err)
	require.Len(t, reg.Keys(), 12)
	srv := httptest.NewServer(server.New(reg))
	defer srv.Close()
	for _, key := range reg.Keys() {
		t.Run(key, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/api/v2/segment-targets/"+key, "application/json", strings.NewReader(`{}`))
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, 400, resp.StatusCode)
			assert.True(t, json.Valid(body), "%s", body)
		})
	}
}

func problemPointers(ps spec.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Pointer)
	}
	return out
}
