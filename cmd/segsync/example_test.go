package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
)

// genManifests are the manifests the generator commands are tested over: the
// command's own (one per mode) and the vendored public ones.
func genManifests(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	own, _ := filepath.Glob("testdata/gen/*.json")
	if len(own) == 0 {
		t.Fatal("no manifests under testdata/gen")
	}
	for _, p := range own {
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = p
	}
	t.Run("shared", func(t *testing.T) {
		for key, p := range testfiles.SharedManifests(t) {
			out[key] = p
		}
	})
	return out
}

// TestExampleThenParse: segsync parse of segsync example succeeds with exactly
// the members generated, for every manifest, both directions and several sizes.
func TestExampleThenParse(t *testing.T) {
	modes := map[parser.Mode]bool{}
	for key, path := range genManifests(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := parser.CompileJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		modes[prog.Mode()] = true
		for _, members := range []int{1, 4} {
			for _, remove := range []bool{false, true} {
				args := []string{"example", "--manifest", path, "--integration", key, "--members", strconv.Itoa(members), "--seed", "7"}
				if remove {
					args = append(args, "--remove")
				}
				var payload, stderr bytes.Buffer
				if code := run(args, nil, &payload, &stderr); code != 0 {
					t.Fatalf("%v: exit %d\n%s", args, code, &stderr)
				}
				var stdout bytes.Buffer
				stderr.Reset()
				if code := run([]string{"parse", "--manifest", path, "--integration", key}, bytes.NewReader(payload.Bytes()), &stdout, &stderr); code != 0 {
					t.Fatalf("%v: parse exit %d\n%s%s\npayload: %s", args, code, &stdout, &stderr, &payload)
				}
				var res parser.Result
				if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
					t.Fatal(err)
				}
				var add, rm []string
				for _, s := range res.Segments {
					add, rm = append(add, s.Add.Strings()...), append(rm, s.Remove.Strings()...)
				}
				got, other := add, rm
				if remove {
					got, other = rm, add
				}
				if n := len(got); strings.Count(payload.String(), `"user-`) < n || n != members || len(other) != 0 {
					t.Errorf("%v: add %q remove %q\npayload: %s", args, add, rm, &payload)
				}
				for _, id := range got {
					if !strings.Contains(payload.String(), `"`+id+`"`) {
						t.Errorf("%v: member %q is not in the payload", args, id)
					}
				}
			}
		}
	}
	for _, m := range []parser.Mode{parser.ModeBoolean, parser.ModeAction, parser.ModeNamedArrays} {
		if !modes[m] {
			t.Errorf("no manifest in %s mode", m)
		}
	}
}

// TestGenCommands runs the generator and partner commands as a user would and compares exit
// code, stdout and stderr with golden files.
func TestGenCommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"example-boolean", []string{"example", "--manifest", "testdata/gen/boolean-overrides.json", "--members", "2"}, 0},
		{"example-action-remove", []string{"example", "--manifest", "testdata/gen/action-template.json", "--remove", "--seed", "3"}, 0},
		{"example-named-arrays-remove", []string{"example", "--manifest", "testdata/gen/named-bare-ids.json", "--remove", "--members", "3"}, 0},
		{"example-too-few-members", []string{"example", "--manifest", "testdata/gen/boolean-overrides.json", "--members", "0"}, 2},
		{"example-bad-manifest", []string{"example", "--manifest", "testdata/bad-manifest.json"}, 2},
		{"example-no-manifest", []string{"example"}, 2},
		{"schema-action", []string{"schema", "--manifest", "testdata/gen/action-template.json"}, 0},
		{"schema-bad-manifest", []string{"schema", "--manifest", "testdata/bad-manifest.json"}, 2},
		{"schema-extra-argument", []string{"schema", "--manifest", "testdata/gen/action-template.json", "payload.json"}, 2},
		{"test-pass", []string{"test", "testdata/partner/small.json"}, 0},
		{"test-fail-plain", []string{"test", "testdata/partner/small.json", "testdata/partner/small-failing.json", "testdata/partner/cases.json"}, 1},
		{"test-fail-colour", []string{"test", "--color", "always", "testdata/partner/small-failing.json"}, 1},
		{"test-missing-manifest", []string{"test", "testdata/partner/missing-manifest.json"}, 2},
		{"test-unknown-field", []string{"test", "testdata/partner/unknown-field.json"}, 2},
		{"test-no-files", []string{"test"}, 2},
		{"test-bad-colour", []string{"test", "--color", "sometimes", "testdata/partner/small.json"}, 2},
		{"test-token-without-target", []string{"test", "--token", "T", "testdata/partner/small.json"}, 2},
		{"example-negative-members", []string{"example", "--manifest", "testdata/gen/named-bare-ids.json", "--members", "-1"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
			testfiles.Golden(t, filepath.Join("testdata", "golden", tt.name+".stdout"), stdout.String())
			testfiles.Golden(t, filepath.Join("testdata", "golden", tt.name+".stderr"), stderr.String())
		})
	}
}

// TestGenManifestsAreCopies: the manifests under testdata/gen are copies of
// payloadgen's own test manifests, kept byte for byte (testdata/gen/SOURCE.txt).
func TestGenManifestsAreCopies(t *testing.T) {
	copies, _ := filepath.Glob("testdata/gen/*.json")
	if len(copies) == 0 {
		t.Fatal("no manifests under testdata/gen")
	}
	for _, c := range copies {
		got, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "payloadgen", "testdata", "manifests", filepath.Base(c)))
		if err != nil {
			t.Fatalf("%s has no original: %v", c, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from payloadgen/testdata/manifests/%s", c, filepath.Base(c))
		}
	}
}
