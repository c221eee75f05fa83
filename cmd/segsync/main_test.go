package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
)

// TestCommands runs the command line as a user would and compares its exit code,
// stdout and stderr with golden files.
func TestCommands(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"parse-boolean", []string{"parse", "--manifest", "../../examples/boolean/manifest.json", "--integration", "example", "../../examples/boolean/payload.json"}, "", 0},
		{"parse-named-arrays", []string{"parse", "--manifest", "../../examples/named-arrays/manifest.json", "../../examples/named-arrays/payload.json"}, "", 0},
		{"parse-action-flags-after", []string{"parse", "../../examples/action/payload.json", "--manifest", "../../examples/action/manifest.json", "--integration", "example"}, "", 0},
		{"parse-stdin", []string{"parse", "--manifest", "../../examples/named-arrays/manifest.json", "-"}, `{"destination":{"environmentId":"e"},"audience":{"key":"k","displayName":"K"}}`, 0},
		{"parse-response-success", []string{"parse", "--response", "--manifest", "../../examples/named-arrays/manifest.json", "--integration", "audience-hub", "../../examples/named-arrays/payload.json"}, "", 0},
		{"parse-response-no-template", []string{"parse", "--response", "--manifest", "../../examples/action/manifest.json", "../../examples/action/payload.json"}, "", 0},
		{"parse-response-error", []string{"parse", "--response", "--manifest", "../../examples/named-arrays/manifest.json", "--integration", "audience-hub", "testdata/bad-payload.json"}, "", 1},
		{"parse-payload-error", []string{"parse", "--manifest", "../../examples/named-arrays/manifest.json", "testdata/bad-payload.json"}, "", 1},
		{"parse-invalid-json", []string{"parse", "--manifest", "../../examples/named-arrays/manifest.json"}, `{"destination":`, 1},
		{"parse-bad-manifest", []string{"parse", "--manifest", "testdata/bad-manifest.json", "../../examples/boolean/payload.json"}, "", 2},
		{"parse-no-manifest-flag", []string{"parse", "payload.json"}, "", 2},
		{"parse-missing-file", []string{"parse", "--manifest", "testdata/nope.json"}, "", 2},
		{"parse-payload-unreadable", []string{"parse", "--manifest", "../../examples/named-arrays/manifest.json", "testdata"}, "", 2},
		{"parse-response-payload-unreadable", []string{"parse", "--response", "--manifest", "../../examples/named-arrays/manifest.json", "testdata"}, "", 2},
		{"check-examples", []string{"check", "../../examples/boolean/manifest.json", "../../examples/named-arrays/manifest.json", "../../examples/action/manifest.json"}, "", 0},
		{"check-warnings", []string{"check", "testdata/warn-manifest.json"}, "", 0},
		{"check-capabilities", []string{"check", "testdata/caps/manifest.json"}, "", 2},
		{"check-public-other", []string{"check", "../../testdata/manifests-other"}, "", 0},
		{"parse-trigger", []string{"parse", "--manifest", "testdata/caps/manifest.json", "--capability", "trigger", "testdata/trigger-payload.json"}, "", 0},
		{"parse-member-list-error", []string{"parse", "--manifest", "testdata/caps/manifest.json", "--capability", "approval.memberListRequest", "testdata/members-payload.json"}, "", 1},
		{"parse-unknown-capability", []string{"parse", "--manifest", "testdata/caps/manifest.json", "--capability", "approval.bogus"}, "", 2},
		{"parse-options-stdin", []string{"parse", "--manifest", "testdata/caps/manifest.json", "--capability", "formVariables/0.dynamicOptions", "-"}, `{"data": [{"name": "teal", "hex": "#008080"}]}`, 0},
		{"check-bad", []string{"check", "testdata/bad-manifest.json", "../../examples/action/manifest.json"}, "", 2},
		{"check-not-json", []string{"check", "testdata/bad-payload.json", "main.go"}, "", 2},
		{"check-directory", []string{"check", "../../examples"}, "", 0},
		{"check-integration-directory", []string{"check", "../../examples/action"}, "", 0},
		{"check-strict", []string{"check", "--strict", "testdata/warn-manifest.json", "../../examples/action/manifest.json"}, "", 1},
		{"check-json", []string{"check", "--format", "json", "testdata/bad-manifest.json", "testdata/warn-manifest.json"}, "", 2},
		{"check-bad-format", []string{"check", "--format", "xml", "testdata/warn-manifest.json"}, "", 2},
		{"check-no-files", []string{"check"}, "", 2},
		{"check-missing", []string{"check", "testdata/no-such-dir"}, "", 2},
		{"check-empty-directory", []string{"check", "testdata/golden"}, "", 2},
		{"parse-manifest-is-directory", []string{"parse", "--manifest", "testdata", "../../examples/boolean/payload.json"}, "", 2},
		{"help", []string{"--help"}, "", 0},
		{"help-parse", []string{"parse", "--help"}, "", 0},
		{"help-check", []string{"help", "check"}, "", 0},
		{"help-serve", []string{"serve", "-h"}, "", 0},
		{"no-arguments", nil, "", 2},
		{"unknown-command", []string{"frobnicate"}, "", 2},
		{"conformance-export-with-junit", []string{"conformance", "--export-manifests", "out", "--junit", "r.xml"}, "", 2},
		{"conformance-token-without-target", []string{"conformance", "--token", "T"}, "", 2},
		{"conformance-strict-without-target", []string{"conformance", "--strict"}, "", 2},
		{"conformance-target-without-scheme", []string{"conformance", "--target", "127.0.0.1:3000"}, "", 2},
		{"conformance-missing-cases-dir", []string{"conformance", "--cases", "testdata/no-such-dir"}, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
			testfiles.Golden(t, filepath.Join("testdata", "golden", tt.name+".stdout"), stdout.String())
			testfiles.Golden(t, filepath.Join("testdata", "golden", tt.name+".stderr"), stderr.String())
		})
	}
}

// spaces is an endless payload of spaces that counts what is read of it.
type spaces struct{ n int64 }

func (s *spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	s.n += int64(len(p))
	return len(p), nil
}

// TestParseReadsNoMoreThanTheLimit: an endless payload is too_large after the byte
// limit and one more byte, with or without --response.
func TestParseReadsNoMoreThanTheLimit(t *testing.T) {
	for _, args := range [][]string{
		{"parse", "--manifest", "../../examples/boolean/manifest.json", "-"},
		{"parse", "--response", "--manifest", "../../examples/boolean/manifest.json", "-"},
	} {
		in := &spaces{}
		var stdout, stderr bytes.Buffer
		if code := run(args, in, &stdout, &stderr); code != 1 {
			t.Fatalf("%v: exit %d, want 1\nstderr: %s", args, code, &stderr)
		}
		if !strings.Contains(stdout.String(), `"too_large"`) {
			t.Errorf("%v: stdout %s, want too_large", args, &stdout)
		}
		if limit := int64(parser.DefaultMaxBytes); in.n > limit+64<<10 {
			t.Errorf("%v: read %d bytes, past the %d-byte limit", args, in.n, limit)
		}
	}
}

// TestVersion: the version names the module version and the Go version from the
// build information (a test binary has them too).
func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"version"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	if got := stdout.String(); !strings.HasPrefix(got, "segsync ") || !strings.Contains(got, "go1.") {
		t.Fatalf("version %q, want segsync <version> ... go1.N", got)
	}
}
