package playground

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	segcap "github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/spec"
)

// Every parser capability runs its sample with no problem, and the playground's
// result is the library's own (package capability) for the same manifest and
// payload.
func TestParserSamples(t *testing.T) {
	h := New(Options{})
	for _, c := range parserCapabilities {
		t.Run(c.name, func(t *testing.T) {
			manifest, payload := mustSample(c.manifest), mustSample(c.payload)
			var out struct {
				Compiled bool            `json:"compiled"`
				Problems []spec.Placed   `json:"problems"`
				Result   json.RawMessage `json:"result"`
				Error    *PayloadError   `json:"error"`
			}
			rec := postJSON(t, h, "/api/run", RunRequest{Capability: c.name, Manifest: manifest, Payload: payload})
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			if !out.Compiled || len(out.Problems) != 0 || out.Error != nil {
				t.Fatalf("sample: compiled %v, problems %+v, error %+v", out.Compiled, out.Problems, out.Error)
			}
			m, err := spec.ParseManifest([]byte(manifest))
			if err != nil {
				t.Fatal(err)
			}
			prog, err := segcap.Compile(m, c.name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := prog.Parse([]byte(payload))
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), compact(t, out.Result)); diff != "" {
				t.Errorf("result differs from the library's (-library +playground):\n%s", diff)
			}
		})
	}
}

// A parser capability places its manifest problems and its payload errors, as
// the synced-segment one does.
func TestParserProblems(t *testing.T) {
	h := New(Options{})
	for _, c := range []struct {
		name, capability, manifest, payload string
		code                                string // of the only problem, or ""
		errCode, errPointer                 string // of the payload error, or ""
		line, column                        int    // of the problem or the error
	}{
		{
			name: "bad pointer", capability: "trigger",
			manifest: "{\"capabilities\": {\"trigger\": {\"documentation\": \"https://x.example\",\n  \"parser\": {\"eventName\": \"title\"}}}}",
			code:     "invalid_pointer", line: 2, column: 27,
		},
		{
			name: "absent capability", capability: "featureStore.validationRequest",
			manifest: `{"capabilities": {}}`,
			code:     "required", line: 1, column: 18,
		},
		{
			name: "wrong type in the payload", capability: "trigger",
			manifest: mustSample("trigger/manifest.json"),
			payload:  "{\"alert\": {\n  \"title\": {\"text\": \"x\"}}}",
			errCode:  "wrong_type", errPointer: "/alert/title", line: 2, column: 12,
		},
		{
			name: "member without an e-mail", capability: "approval.memberListRequest",
			manifest: mustSample("approval/manifest.json"),
			payload:  "{\"users\": [\n {\"login\": \"ada\"}]}",
			errCode:  "missing", errPointer: "/users/0/mail", line: 2, column: 2,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out RunResponse
			rec := postJSON(t, h, "/api/run", RunRequest{Capability: c.capability, Manifest: c.manifest, Payload: c.payload})
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			if c.code != "" {
				if out.Compiled || len(out.Problems) != 1 || string(out.Problems[0].Code) != c.code || out.Problems[0].Line != c.line || out.Problems[0].Column != c.column {
					t.Fatalf("got compiled %v, problems %+v; want one %s at %d:%d", out.Compiled, out.Problems, c.code, c.line, c.column)
				}
				return
			}
			e := out.Error
			if e == nil || string(e.Code) != c.errCode || string(e.Pointer) != c.errPointer || e.Line != c.line || e.Column != c.column || out.Result != nil {
				t.Fatalf("got error %+v, result %v; want %s at %s, %d:%d", e, out.Result, c.errCode, c.errPointer, c.line, c.column)
			}
		})
	}
}

// compact is raw JSON without insignificant space.
func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return b.String()
}
