package playground

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// serve sends one request to h and returns the recorded answer.
func serve(t *testing.T, h http.Handler, method, path, contentType string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://localhost"+path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func postJSON(t *testing.T, h http.Handler, path string, v any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, h, http.MethodPost, path, "application/json", bytes.NewReader(b))
}

// requestError decodes the RequestError of a refused request.
func requestError(t *testing.T, rec *httptest.ResponseRecorder) *RequestError {
	t.Helper()
	var out struct {
		RequestError *RequestError `json:"requestError"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.RequestError == nil {
		t.Fatalf("status %d, body %q: not a requestError (%v)", rec.Code, rec.Body, err)
	}
	return out.RequestError
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// golden compares got with testdata/golden/NAME, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func indentJSON(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return buf.Bytes()
}

// lineOf returns the 1-based line of text's first line holding s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the text", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

// A manifest with a mistake: memberArrayPath is not a pointer, on its own line.
const mistakeManifest = `{
  "capabilities": {
    "syncedSegment": {
      "requestParser": {
        "environmentIdPath": "/env",
        "cohortIdPath": "/cohort",
        "cohortNamePath": "/name",
        "memberArrayPath": "members",
        "memberArrayParser": {"memberIdPath": "/id", "booleanMembershipPath": "/in"}
      }
    }
  }
}
`

func TestRun(t *testing.T) {
	h := New(Options{})
	boolean, booleanPayload := readExample(t, "boolean/manifest.json"), readExample(t, "boolean/payload.json")
	named, namedPayload := readExample(t, "named-arrays/manifest.json"), readExample(t, "named-arrays/payload.json")
	fixed := strings.Replace(mistakeManifest, `"members"`, `"/members"`, 1)
	cases := []struct {
		name string
		req  RunRequest
		// what the answer must say, beyond its golden file
		compiled  bool
		accepted  bool   // a result, no error
		errCode   string // the payload error's code
		errLineOf string // the payload error's line holds this text
		problem   string // a problem with this code ...
		lineOf    string // ... on the line holding this text
		status    int    // the response's status; 0 for none
	}{
		{name: "accepted", req: RunRequest{Manifest: boolean, Payload: booleanPayload}, compiled: true, accepted: true, status: 204},
		{name: "template-with-keys", req: RunRequest{Manifest: named, Payload: namedPayload, IntegrationKey: "hub", ProjectKey: "web", EnvironmentKey: "staging"}, compiled: true, accepted: true, status: 200},
		{name: "blank-payload", req: RunRequest{Capability: "syncedSegment", Manifest: boolean, Payload: " \n\t"}, compiled: true},
		{name: "manifest-mistake", req: RunRequest{Manifest: mistakeManifest, Payload: `{}`}, problem: "invalid_pointer", lineOf: `"memberArrayPath"`},
		{name: "manifest-fixed", req: RunRequest{Manifest: fixed, Payload: `{"env": "e", "cohort": "c", "name": "n", "members": [{"id": "u1", "in": true}]}`}, compiled: true, accepted: true, status: 204},
		{name: "manifest-not-json", req: RunRequest{Manifest: "{\n  \"capabilities\": {,\n}"}, problem: "invalid_json", lineOf: "{,"},
		{name: "payload-rejected", req: RunRequest{Manifest: fixed, Payload: "{\"env\": \"e\", \"cohort\": \"c\", \"name\": \"n\",\n \"members\": [\n  {\"id\": \"u1\", \"in\": true},\n  {\"id\": \"u2\", \"in\": \"yes\"}\n]}"}, compiled: true, errCode: "wrong_type", errLineOf: `"yes"`, status: 400},
		{name: "payload-not-json", req: RunRequest{Manifest: fixed, Payload: "{\"env\": \"⚠⚠\",\n \"cohort\": ]"}, compiled: true, errCode: "invalid_json", errLineOf: `]`, status: 400},
		{name: "payload-rejected-template", req: RunRequest{Manifest: named, Payload: `{"destination": {}}`}, compiled: true, errCode: "missing", status: 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := postJSON(t, h, "/api/run", c.req)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
				t.Fatalf("status %d, content type %q, body %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			golden(t, "run/"+c.name+".json", indentJSON(t, rec.Body.Bytes()))
			var out RunResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			if out.Capability != "syncedSegment" || out.Compiled != c.compiled || out.Problems == nil {
				t.Errorf("capability %q, compiled %v, problems %v", out.Capability, out.Compiled, out.Problems)
			}
			if (out.Result != nil) != c.accepted {
				t.Errorf("result %v, want one: %v", out.Result, c.accepted)
			}
			if c.accepted {
				// The same answer as the library's own, run directly.
				prog, err := parser.CompileJSON([]byte(c.req.Manifest), parser.WithIntegrationKey(c.req.IntegrationKey))
				if err != nil {
					t.Fatal(err)
				}
				resp, res, err := prog.Respond([]byte(c.req.Payload), parser.ResponseOptions{ProjectKey: c.req.ProjectKey, EnvironmentKey: c.req.EnvironmentKey})
				if err != nil {
					t.Fatal(err)
				}
				var got struct {
					Result *parser.Result `json:"result"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(res, got.Result); diff != "" {
					t.Errorf("result differs from the library's (-library +playground):\n%s", diff)
				}
				body := []byte("null")
				if resp.Body != nil {
					var buf bytes.Buffer
					if err := json.Compact(&buf, resp.Body); err != nil {
						t.Fatal(err)
					}
					body = buf.Bytes()
				}
				if !bytes.Equal(out.Response.Body, body) {
					t.Errorf("response body %s, the library's %s", out.Response.Body, body)
				}
			}
			switch {
			case c.status == 0 && out.Response != nil:
				t.Errorf("response %+v, want none", out.Response)
			case c.status != 0 && (out.Response == nil || out.Response.Status != c.status):
				t.Errorf("response %+v, want status %d", out.Response, c.status)
			}
			if c.errCode == "" {
				if out.Error != nil {
					t.Errorf("error %+v, want none", out.Error)
				}
			} else {
				if out.Error == nil || string(out.Error.Code) != c.errCode {
					t.Fatalf("error %+v, want code %s", out.Error, c.errCode)
				}
				if c.errLineOf != "" {
					if want := lineOf(t, c.req.Payload, c.errLineOf); out.Error.Line != want {
						t.Errorf("error at line %d, want %d (the line of %s)", out.Error.Line, want, c.errLineOf)
					}
				}
			}
			if c.problem != "" {
				found := false
				for _, p := range out.Problems {
					if string(p.Code) == c.problem {
						found = true
						if want := lineOf(t, c.req.Manifest, c.lineOf); p.Line != want {
							t.Errorf("problem %s at line %d, want %d", p.Code, p.Line, want)
						}
					}
				}
				if !found {
					t.Errorf("no %s problem in %+v", c.problem, out.Problems)
				}
			} else if len(out.Problems) != 0 {
				t.Errorf("problems %+v, want none", out.Problems)
			}
		})
	}
}

// The column of a payload error counts code points, as the page does: the
// bracket after two three-byte characters on the line.
func TestRunColumnInCodePoints(t *testing.T) {
	rec := postJSON(t, New(Options{}), "/api/run", RunRequest{Manifest: readExample(t, "boolean/manifest.json"), Payload: `{"kind": "⚠⚠", ]`})
	var out RunResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Error == nil || out.Error.Line != 1 || out.Error.Column != 16 {
		t.Fatalf("error %+v, want line 1 column 16", out.Error)
	}
}

func TestExample(t *testing.T) {
	h := New(Options{})
	boolean, named := readExample(t, "boolean/manifest.json"), readExample(t, "named-arrays/manifest.json")
	intp := func(n int) *int { return &n }
	seed := uint64(7)
	cases := []struct {
		name    string
		req     ExampleRequest
		members int    // members of the parsed example, -1 for no payload
		message string // in the answer's message, for no payload
	}{
		{name: "default", req: ExampleRequest{Manifest: boolean}, members: 2},
		{name: "five-removals", req: ExampleRequest{Manifest: boolean, Members: intp(5), Remove: true, Seed: &seed}, members: 5},
		{name: "none", req: ExampleRequest{Manifest: named, Members: intp(0)}, members: 0},
		{name: "too-few", req: ExampleRequest{Manifest: boolean, Members: intp(0)}, members: -1, message: "needs at least 1 member"},
		{name: "manifest-mistake", req: ExampleRequest{Manifest: mistakeManifest}, members: -1, message: "does not compile"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := postJSON(t, h, "/api/example", c.req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var out ExampleResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			if c.members < 0 {
				if out.Payload != "" || !strings.Contains(out.Message, c.message) {
					t.Fatalf("payload %q, message %q: want no payload and %q", out.Payload, out.Message, c.message)
				}
				return
			}
			// The example is one the manifest accepts, with as many members.
			run := postJSON(t, h, "/api/run", RunRequest{Manifest: c.req.Manifest, Payload: out.Payload})
			var ran struct {
				Result *parser.Result `json:"result"`
				Error  *PayloadError  `json:"error"`
			}
			if err := json.Unmarshal(run.Body.Bytes(), &ran); err != nil {
				t.Fatal(err)
			}
			if ran.Result == nil {
				t.Fatalf("the example %s is not accepted: %+v", out.Payload, ran.Error)
			}
			n := 0
			for _, s := range ran.Result.Segments {
				n += s.Add.Len() + s.Remove.Len()
				if c.req.Remove && s.Add.Len() > 0 {
					t.Errorf("a removal example adds %v", s.Add)
				}
			}
			if n != c.members {
				t.Errorf("%d members in the result, want %d: %s", n, c.members, out.Payload)
			}
		})
	}
}

// Requests the API refuses, each with its status and code.
func TestRefused(t *testing.T) {
	h := New(Options{MaxRequestBytes: 4096})
	noExample := newHandler(Options{}, map[string]capability{"bare": {run: runSyncedSegment}})
	big := `{"manifest": "` + strings.Repeat("x", 5000) + `"}`
	cases := []struct {
		name, method, path, contentType, body string
		h                                     http.Handler
		status                                int
		code                                  string // "" when the answer is the mux's own (405, 404)
		message                               string // in the message
	}{
		{name: "get-run", method: "GET", path: "/api/run", status: 405},
		{name: "put-run", method: "PUT", path: "/api/run", contentType: "application/json", body: "{}", status: 405},
		{name: "delete-example", method: "DELETE", path: "/api/example", status: 405},
		{name: "post-capabilities", method: "POST", path: "/api/capabilities", contentType: "application/json", body: "{}", status: 405},
		{name: "post-page", method: "POST", path: "/", contentType: "application/json", body: "{}", status: 405},
		{name: "unknown-path", method: "GET", path: "/api/nothing", status: 404},
		{name: "text-plain", method: "POST", path: "/api/run", contentType: "text/plain", body: "{}", status: 415, code: CodeUnsupportedMedia},
		{name: "form", method: "POST", path: "/api/run", contentType: "application/x-www-form-urlencoded", body: "manifest=x", status: 415, code: CodeUnsupportedMedia},
		{name: "no-content-type", method: "POST", path: "/api/example", body: "{}", status: 415, code: CodeUnsupportedMedia},
		{name: "not-json", method: "POST", path: "/api/run", contentType: "application/json", body: "manifest", status: 400, code: CodeBadRequest},
		{name: "array", method: "POST", path: "/api/run", contentType: "application/json; charset=utf-8", body: "[]", status: 400, code: CodeBadRequest},
		{name: "unknown-field", method: "POST", path: "/api/run", contentType: "application/json", body: `{"manifest": "{}", "payloadd": "{}"}`, status: 400, code: CodeBadRequest, message: "payloadd"},
		{name: "two-values", method: "POST", path: "/api/run", contentType: "application/json", body: `{} {}`, status: 400, code: CodeBadRequest, message: "more than one"},
		{name: "wrong-type", method: "POST", path: "/api/run", contentType: "application/json", body: `{"manifest": {}}`, status: 400, code: CodeBadRequest},
		{name: "too-large", method: "POST", path: "/api/run", contentType: "application/json", body: big, status: 413, code: CodeTooLarge, message: "4096"},
		{name: "unknown-capability", method: "POST", path: "/api/run", contentType: "application/json", body: `{"capability": "bigSegmentStore", "manifest": "{}"}`, status: 400, code: CodeUnknownCapability, message: `"bigSegmentStore": the playground runs approval.creationRequest`},
		{name: "unknown-capability-example", method: "POST", path: "/api/example", contentType: "application/json", body: `{"capability": "Syncedsegment"}`, status: 400, code: CodeUnknownCapability},
		{name: "no-example", h: noExample, method: "POST", path: "/api/example", contentType: "application/json", body: `{"capability": "bare"}`, status: 400, code: CodeNoExample, message: `"bare"`},
		{name: "negative-members", method: "POST", path: "/api/example", contentType: "application/json", body: `{"manifest": "{}", "members": -1}`, status: 400, code: CodeBadRequest, message: "members must be 0 to 1000"},
		{name: "too-many-members", method: "POST", path: "/api/example", contentType: "application/json", body: `{"manifest": "{}", "members": 1001}`, status: 400, code: CodeBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hh := http.Handler(h)
			if c.h != nil {
				hh = c.h
			}
			rec := serve(t, hh, c.method, c.path, c.contentType, strings.NewReader(c.body))
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body)
			}
			if c.status == 405 && rec.Header().Get("Allow") == "" {
				t.Errorf("405 without Allow")
			}
			if c.code == "" {
				return
			}
			e := requestError(t, rec)
			if e.Code != c.code || !strings.Contains(e.Message, c.message) {
				t.Errorf("requestError %+v, want code %s and %q in the message", e, c.code, c.message)
			}
		})
	}
}

// Requests must name localhost, an IP address or an allowed host: a page
// whose name a DNS rebinding points at this machine gets 403.
func TestHost(t *testing.T) {
	h := New(Options{AllowedHosts: []string{"Dev.Internal"}})
	for _, c := range []struct {
		host string
		ok   bool
	}{
		{"localhost", true},
		{"localhost:8080", true},
		{"LOCALHOST.:8080", true},
		{"app.localhost:8080", true},
		{"127.0.0.1:8080", true},
		{"[::1]:8080", true},
		{"192.168.1.20", true},
		{"dev.internal:8080", true},
		{"attacker.example", false},
		{"attacker.example:8080", false},
		{"localhost.attacker.example", false},
		{"", false},
	} {
		t.Run(c.host, func(t *testing.T) {
			for _, req := range []*http.Request{httptest.NewRequest("GET", "/", nil), httptest.NewRequest("POST", "/api/run", strings.NewReader(`{}`))} {
				req.Host = c.host
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if c.ok && rec.Code != 200 {
					t.Errorf("%s %s: status %d: %s", req.Method, req.URL.Path, rec.Code, rec.Body)
				}
				if !c.ok {
					if e := requestError(t, rec); rec.Code != 403 || e.Code != CodeForbiddenHost {
						t.Errorf("%s %s: status %d, %+v; want 403 forbidden_host", req.Method, req.URL.Path, rec.Code, e)
					}
				}
			}
		})
	}
}

// A body without Content-Length (chunked) is cut at the limit as one that
// declares its length is refused before it is read.
func TestTooLargeChunked(t *testing.T) {
	h := New(Options{MaxRequestBytes: 1024})
	req := httptest.NewRequest("POST", "http://localhost/api/run", io.MultiReader(strings.NewReader(`{"manifest": "`), strings.NewReader(strings.Repeat("x", 2048)), strings.NewReader(`"}`)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if e := requestError(t, rec); rec.Code != 413 || e.Code != CodeTooLarge {
		t.Fatalf("status %d, %+v; want 413 too_large", rec.Code, e)
	}
}

func TestPageAndAssets(t *testing.T) {
	h := New(Options{})
	cases := []struct{ path, contentType, contains string }{
		{"/", "text/html; charset=utf-8", `<script src="/app.js"`},
		{"/app.js", "text/javascript; charset=utf-8", "/api/run"},
		{"/style.css", "text/css; charset=utf-8", ".cm-editor"},
		{"/LICENSES.txt", "text/plain; charset=utf-8", "@codemirror/view"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			rec := serve(t, h, "GET", c.path, "", nil)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != c.contentType || !strings.Contains(rec.Body.String(), c.contains) {
				t.Fatalf("status %d, content type %q, want 200 %q holding %q", rec.Code, rec.Header().Get("Content-Type"), c.contentType, c.contains)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
	// Nothing the page loads comes from elsewhere.
	for _, name := range []string{"/", "/style.css"} {
		body := serve(t, h, "GET", name, "", nil).Body.String()
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Errorf("%s names another origin", name)
		}
	}
}

func TestCapabilities(t *testing.T) {
	rec := serve(t, New(Options{}), "GET", "/api/capabilities", "", nil)
	var got []CapabilityInfo
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []CapabilityInfo{{Name: "syncedSegment", Example: true, SampleManifest: readExample(t, "boolean/manifest.json"), SamplePayload: readExample(t, "boolean/payload.json")}}
	for _, c := range parserCapabilities {
		want = append(want, CapabilityInfo{Name: c.name, SampleManifest: mustSample(c.manifest), SamplePayload: mustSample(c.payload)})
	}
	slices.SortFunc(want[1:], func(a, b CapabilityInfo) int { return strings.Compare(a.Name, b.Name) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("capabilities (-want +got):\n%s", diff)
	}
}

// Each name of the table runs its own entry.
func TestDispatch(t *testing.T) {
	echo := func(tag string) func(*RunRequest) (*RunResponse, error) {
		return func(req *RunRequest) (*RunResponse, error) {
			return &RunResponse{Problems: []spec.Placed{{Severity: "warning", Code: spec.Code(tag), Message: req.Manifest}}}, nil
		}
	}
	h := newHandler(Options{}, map[string]capability{"syncedSegment": {run: echo("synced")}, "trigger": {run: echo("trigger")}})
	for _, c := range []struct{ capability, code, name string }{{"", "synced", "syncedSegment"}, {"syncedSegment", "synced", "syncedSegment"}, {"trigger", "trigger", "trigger"}} {
		var out RunResponse
		if err := json.Unmarshal(postJSON(t, h, "/api/run", RunRequest{Capability: c.capability, Manifest: "m"}).Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if out.Capability != c.name || len(out.Problems) != 1 || string(out.Problems[0].Code) != c.code || out.Problems[0].Message != "m" {
			t.Errorf("capability %q: %+v, want %s's answer named %s", c.capability, out, c.code, c.name)
		}
	}
}
