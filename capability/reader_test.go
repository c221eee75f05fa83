package capability_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"testing/iotest"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// ParseReader gives what Parse gives, result or error, on every payload of the
// conformance cases of every capability, read whole and one byte at a time.
func TestParseReaderMatchesParse(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	for _, c := range cases {
		payload, ok := c.PayloadBytes()
		if !ok {
			continue
		}
		m, _ := spec.ParseManifest(c.ManifestBytes())
		if m == nil {
			continue
		}
		var opts []parser.Option
		if l := c.Limits; l != nil {
			opts = append(opts, parser.WithLimits(parser.Limits{MaxBytes: l.MaxBytes, MaxDepth: l.MaxDepth, MaxMembers: l.MaxMembers, MaxValueBytes: l.MaxValueBytes}))
		}
		prog, err := capability.Compile(m, c.CapabilityName(), opts...)
		if err != nil {
			continue
		}
		want := outcome(prog.Parse(payload))
		for name, r := range map[string]func() (any, error){
			"whole":           func() (any, error) { return prog.ParseReader(bytes.NewReader(payload)) },
			"one byte a read": func() (any, error) { return prog.ParseReader(iotest.OneByteReader(bytes.NewReader(payload))) },
		} {
			if got := outcome(r()); got != want {
				t.Errorf("%s, %s: ParseReader gives\n%s\nParse gives\n%s", c.ID(), name, got, want)
			}
		}
		ran[c.CapabilityName()]++
	}
	if len(ran) < 6 {
		t.Errorf("cases run by capability: %v; want every capability", ran)
	}
}

// A reader that fails is a *parser.ReadError, for every capability.
func TestParseReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	data := []byte(`{"capabilities": {"featureStore": {"formVariables": [], "featureStoreRequest": {"endpoint": {"url": "https://x.example", "method": "PUT"}},
		"validationRequest": {"endpoint": {"url": "https://x.example", "method": "GET"}, "parser": {"success": "/ok"}}}}}`)
	m, err := spec.ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := capability.Compile(m, capability.FeatureStore)
	if err != nil {
		t.Fatal(err)
	}
	res, err := prog.ParseReader(iotest.ErrReader(boom))
	var re *parser.ReadError
	if res != nil || !errors.As(err, &re) || !errors.Is(err, boom) {
		t.Fatalf("ParseReader over a failing reader: %v, %v; want a *parser.ReadError wrapping boom", res, err)
	}
}

// outcome is a program's result or error as comparable text.
func outcome(res any, err error) string {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return fmt.Sprintf("error %d %s at %q (%s) offset %d: %s", pe.Status, pe.Code, pe.Pointer, pe.Field, pe.Offset, pe.Message)
	}
	if err != nil {
		return "other error: " + err.Error()
	}
	b, err := json.Marshal(res)
	if err != nil {
		return "unencodable result: " + err.Error()
	}
	return string(b)
}

// CompileJSON compiles from bytes: text that is not a JSON object is its
// spec.Problems, a manifest's structural problems come with the parser's own.
func TestCompileJSON(t *testing.T) {
	for _, tt := range []struct {
		name, manifest string
		code           spec.Code // of the first problem, or "" for none
	}{
		{"not JSON", `{"capabilities": `, spec.CodeInvalidJSON},
		{"not an object", `[]`, spec.CodeWrongType},
		{"unknown property", `{"capabilities": {"trigger": {"documentation": "https://x.example", "parser": {"eventNam": "/e"}}}}`, spec.CodeUnknownProperty},
		{"compiles", `{"capabilities": {"trigger": {"documentation": "https://x.example", "parser": {"eventName": "/e"}}}}`, ""},
	} {
		prog, err := capability.CompileJSON([]byte(tt.manifest), capability.Trigger)
		var ps spec.Problems
		switch {
		case tt.code == "" && (err != nil || prog == nil):
			t.Errorf("%s: %v", tt.name, err)
		case tt.code != "" && (!errors.As(err, &ps) || len(ps) == 0 || ps[0].Code != tt.code || prog != nil):
			t.Errorf("%s: %v, %v; want a %s problem first", tt.name, prog, err, tt.code)
		}
	}
}
