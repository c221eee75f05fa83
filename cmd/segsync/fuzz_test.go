package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/parser"
)

// libraryHandler serves one manifest with segsync's own library, under the
// endpoint path; broken, when set, may change an answer (a deliberately
// faulty implementation).
func libraryHandler(t *testing.T, manifest, key string, broken func(payload []byte, resp *parser.Response, err error) *parser.Response) http.Handler {
	t.Helper()
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := parser.CompileJSON(data, parser.WithIntegrationKey(key))
	if err != nil {
		t.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != conformance.DefaultEndpointPath+key || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		payload, _ := io.ReadAll(r.Body)
		resp, _, err := prog.Respond(payload, parser.ResponseOptions{})
		if broken != nil {
			resp = broken(payload, resp, err)
		}
		w.WriteHeader(resp.Status)
		w.Write(resp.Body)
	})
}

// acceptsWrongTypes answers 204 where the library says wrong_type: the
// missing type checks of SEMANTICS §9.
func acceptsWrongTypes(_ []byte, resp *parser.Response, err error) *parser.Response {
	if pe, ok := err.(*parser.Error); ok && pe.Code == parser.CodeWrongType {
		return &parser.Response{Status: http.StatusNoContent}
	}
	return resp
}

// TestFuzzTarget: against a server running the library, fuzz finds nothing;
// against a broken one, it finds the breakage, minimizes it, and writes case
// files that the conformance runner loads and that fail against the broken
// server and pass against the library; the same seed gives the same run.
func TestFuzzTarget(t *testing.T) {
	manifest := "testdata/gen/boolean-overrides.json"
	good := httptest.NewServer(libraryHandler(t, manifest, "fz", nil))
	defer good.Close()
	bad := httptest.NewServer(libraryHandler(t, manifest, "fz", acceptsWrongTypes))
	defer bad.Close()

	var stdout, stderr bytes.Buffer
	args := []string{"fuzz", "--manifest", manifest, "--integration", "fz", "--count", "300", "--seed", "4"}
	if code := run(append(args, "--target", good.URL), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("against the library: exit %d\n%s%s", code, &stdout, &stderr)
	}
	if !strings.Contains(stdout.String(), "no divergence") || !strings.Contains(stderr.String(), "fuzz: 250 payloads, 0 divergences") {
		t.Errorf("against the library:\n%s%s", &stdout, &stderr)
	}

	out := t.TempDir()
	stdout.Reset()
	if code := run(append(args, "--target", bad.URL, "--out", out), nil, &stdout, &stderr); code != 1 {
		t.Fatalf("against a broken server: exit %d, want 1\n%s%s", code, &stdout, &stderr)
	}
	first := stdout.String()
	if !strings.Contains(first, "library 400 wrong_type, target 204") {
		t.Errorf("the wrong_type divergence is not reported:\n%s", first)
	}
	cases, err := conformance.LoadDir(out)
	if err != nil {
		t.Fatalf("the case files do not load: %v", err)
	}
	for _, c := range cases {
		if c.Error == nil || c.Error.Code != "wrong_type" {
			t.Errorf("%s: wants %+v, not the library's wrong_type", c.ID(), c.Error)
		}
		payload, _ := c.PayloadBytes()
		if len(payload) > 400 {
			t.Errorf("%s: not minimized (%d bytes): %s", c.ID(), len(payload), payload)
		}
		if o, err := conformance.RunCase(context.Background(), conformance.Library{}, c, conformance.Options{}); err != nil || o.Status != conformance.Pass {
			t.Errorf("%s against the library: %s %s %v", c.ID(), o.Status, o.Detail, err)
		}
		target := &conformance.HTTP{BaseURL: bad.URL}
		if o, err := conformance.RunCase(context.Background(), target, c, conformance.Options{}); err != nil || o.Status != conformance.Fail {
			t.Errorf("%s against the broken server: %s, want fail (%v)", c.ID(), o.Status, err)
		}
	}

	stdout.Reset()
	run(append(args, "--target", bad.URL, "--out", t.TempDir()), nil, &stdout, &stderr)
	if again := stdout.String(); stripFiles(again) != stripFiles(first) {
		t.Errorf("the same seed gave two runs:\n%s\n%s", first, again)
	}
}

// stripFiles drops the case-file lines, which name the output folder.
func stripFiles(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(line, "case file:") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// TestFuzzLibrary: without a target, fuzz checks the library against itself
// and the generator, over every manifest, and finds nothing.
func TestFuzzLibrary(t *testing.T) {
	for key, path := range genManifests(t) {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"fuzz", "--manifest", path, "--integration", key, "--count", "200"}, nil, &stdout, &stderr); code != 0 {
			t.Errorf("%s: exit %d\n%s%s", key, code, &stdout, &stderr)
		}
	}
}

// TestFuzzTemplateBodies: with a template, bodies are compared, the library's
// error message excepted, and a wrong body is a divergence.
func TestFuzzTemplateBodies(t *testing.T) {
	manifest := "testdata/gen/action-template.json"
	good := httptest.NewServer(libraryHandler(t, manifest, "tp", nil))
	defer good.Close()
	reworded := httptest.NewServer(libraryHandler(t, manifest, "tp", func(_ []byte, resp *parser.Response, err error) *parser.Response {
		if pe, ok := err.(*parser.Error); ok {
			return &parser.Response{Status: resp.Status, Body: bytes.ReplaceAll(resp.Body, []byte(pe.Message), []byte("said otherwise"))}
		}
		return resp
	}))
	defer reworded.Close()
	wrongKey := httptest.NewServer(libraryHandler(t, manifest, "tp", func(_ []byte, resp *parser.Response, err error) *parser.Response {
		if err == nil {
			return &parser.Response{Status: resp.Status, Body: bytes.Replace(resp.Body, []byte(`"tp-`), []byte(`"tp-undefined-`), 1)}
		}
		return resp
	}))
	defer wrongKey.Close()
	for _, tt := range []struct {
		url  string
		code int
		want string
	}{
		{good.URL, 0, "no divergence"},
		{reworded.URL, 0, "no divergence"},
		{wrongKey.URL, 1, "bodies differ at /segment"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"fuzz", "--manifest", manifest, "--integration", "tp", "--count", "150", "--target", tt.url, "--out", t.TempDir()}, nil, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.want) {
			t.Errorf("exit %d, want %d and %q:\n%s%s", code, tt.code, tt.want, &stdout, &stderr)
		}
	}
}

// TestFuzzUsage: usage and manifest errors exit 2 with a message.
func TestFuzzUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"fuzz-no-manifest", []string{"fuzz"}},
		{"fuzz-count-and-duration", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--count", "3", "--duration", "1s"}},
		{"fuzz-zero-count", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--count", "0"}},
		{"fuzz-token-without-target", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--token", "T"}},
		{"fuzz-target-not-url", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--target", "127.0.0.1:3000"}},
		{"fuzz-target-without-key", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--target", "http://127.0.0.1:1"}},
		{"fuzz-bad-manifest", []string{"fuzz", "--manifest", "testdata/bad-manifest.json"}},
		{"fuzz-unreachable-target", []string{"fuzz", "--manifest", "testdata/gen/action-template.json", "--integration", "x", "--target", "http://127.0.0.1:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, nil, &stdout, &stderr); code != 2 {
				t.Errorf("exit %d, want 2\n%s%s", code, &stdout, &stderr)
			}
			if stderr.Len() == 0 {
				t.Error("no message on stderr")
			}
			if testing.Verbose() {
				t.Log(filepath.Base(tt.name), stderr.String())
			}
		})
	}
}

// acceptsEmptyIDs answers 204 where the library says invalid_value.
func acceptsEmptyIDs(_ []byte, resp *parser.Response, err error) *parser.Response {
	if pe, ok := err.(*parser.Error); ok && pe.Code == parser.CodeInvalidValue {
		return &parser.Response{Status: http.StatusNoContent}
	}
	return resp
}

// TestFuzzTimeout: a target that does not answer in time is a divergence,
// not the end of the run.
func TestFuzzTimeout(t *testing.T) {
	manifest := "testdata/gen/boolean-overrides.json"
	slow := httptest.NewServer(libraryHandler(t, manifest, "fz", func(payload []byte, resp *parser.Response, _ error) *parser.Response {
		if bytes.Contains(payload, []byte(`"member":false`)) {
			time.Sleep(300 * time.Millisecond)
		}
		return resp
	}))
	defer slow.Close()
	var stdout, stderr bytes.Buffer
	code := run([]string{"fuzz", "--manifest", manifest, "--integration", "fz", "--count", "30", "--timeout", "50ms", "--target", slow.URL}, nil, &stdout, &stderr)
	if code != 1 || !strings.Contains(stdout.String(), "target 0 timeout") {
		t.Errorf("exit %d, want 1 and a timeout:\n%s%s", code, &stdout, &stderr)
	}
}
