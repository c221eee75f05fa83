package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

func runTest(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("test", "test [--target URL [--token T] [--endpoint-path P]] [--color auto|always|never] FILE...", stderr)
	target := fs.String("target", "", "the base URL of an endpoint to test instead of the library, such as http://127.0.0.1:3000")
	token := fs.String("token", "", "the access token sent as the raw Authorization header (with --target)")
	endpoint := fs.String("endpoint-path", conformance.DefaultEndpointPath, "the path before the integration key (with --target)")
	color := fs.String("color", "auto", "colour the diffs: auto (on a terminal), always or never")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(files) == 0 || (*color != "auto" && *color != "always" && *color != "never") {
		fs.Usage()
		return 2
	}
	var tgt conformance.Target = conformance.Library{}
	if *target != "" {
		tgt = &conformance.HTTP{BaseURL: *target, EndpointPath: *endpoint, Token: *token}
	} else if *token != "" {
		fmt.Fprintln(stderr, "segsync test: --token needs --target")
		return 2
	}
	paint := painter(*color == "always" || *color == "auto" && isTerminal(stdout))

	var cases []*conformance.Case
	for _, file := range files {
		cs, err := loadTestFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "segsync test: %v\n", err)
			return 2
		}
		cases = append(cases, cs...)
	}
	ctx := context.Background()
	var passed, failed, skipped int
	for _, c := range cases {
		o, err := conformance.RunCase(ctx, tgt, c, conformance.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "segsync test: %s: %v\n", c.File, err)
			return 2
		}
		id := c.File + ": " + c.Name
		switch o.Status {
		case conformance.Pass:
			passed++
			fmt.Fprintf(stdout, "%s %s\n", paint(green, "PASS"), id)
			continue
		case conformance.Skip:
			skipped++
			fmt.Fprintf(stdout, "%s %s: %s\n", paint(yellow, "SKIP"), id, o.Detail)
			continue
		}
		failed++
		fmt.Fprintf(stdout, "%s %s\n", paint(red, "FAIL"), id)
		var diffs []diffEntry
		if obs, err := tgt.Observe(ctx, c); err == nil && obs != nil {
			want, got := outcomes(c, obs)
			diffs, _ = jsonDiff(want, got, ignored(c))
		}
		detail := strings.Split(strings.TrimSpace(o.Detail), "\n")
		if len(diffs) > 0 {
			// The JSON diff below says the rest.
			detail = []string{strings.TrimSuffix(detail[0], " (-want +got):")}
		}
		for _, line := range detail {
			fmt.Fprintf(stdout, "    %s\n", line)
		}
		if len(diffs) == 0 {
			continue
		}
		fmt.Fprintf(stdout, "    diff (%s, %s):\n", paint(red, "- want"), paint(green, "+ got"))
		for _, d := range diffs {
			fmt.Fprintf(stdout, "      at %s\n", displayPtr(d.Pointer))
			fmt.Fprintf(stdout, "        %s\n", paint(red, "- "+d.Want))
			fmt.Fprintf(stdout, "        %s\n", paint(green, "+ "+d.Got))
		}
	}
	fmt.Fprintf(stdout, "%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 {
		return 1
	}
	return 0
}

// partnerTest is the small test format: a manifest by its path (relative to
// the test file), a payload and what it must give.
type partnerTest struct {
	Name           string                    `json:"name"`
	Description    string                    `json:"description,omitempty"`
	Manifest       string                    `json:"manifest"`
	IntegrationKey string                    `json:"integrationKey,omitempty"`
	Payload        json.RawMessage           `json:"payload,omitempty"`
	PayloadText    *string                   `json:"payloadText,omitempty"`
	Result         json.RawMessage           `json:"result,omitempty"`
	Error          *conformance.PayloadError `json:"error,omitempty"`
	Response       json.RawMessage           `json:"response,omitempty"`
}

// loadTestFile reads a test file: a conformance case file ({"description",
// "cases"}), or the small format, one test object or an array of them. Both are
// checked by the conformance loader.
func loadTestFile(path string) ([]*conformance.Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(data)
	var probe map[string]json.RawMessage
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &probe) == nil && probe["cases"] != nil {
		return loadCaseFile(path, data)
	}
	var tests []partnerTest
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = strictUnmarshal(trimmed, &tests)
	} else {
		var t partnerTest
		err = strictUnmarshal(trimmed, &t)
		tests = []partnerTest{t}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: neither a conformance case file nor a test (manifest, payload, result or error): %v", path, err)
	}
	file := map[string]any{"description": "partner tests", "cases": nil}
	var cases []map[string]any
	for i, t := range tests {
		if t.Manifest == "" {
			return nil, fmt.Errorf("%s: test %d has no manifest path", path, i+1)
		}
		mpath := t.Manifest
		if !filepath.IsAbs(mpath) {
			mpath = filepath.Join(filepath.Dir(path), mpath)
		}
		manifest, err := readManifest(mpath)
		if err != nil {
			return nil, fmt.Errorf("%s: test %d: %w", path, i+1, err)
		}
		name := t.Name
		if name == "" {
			name = "test-" + strconv.Itoa(i+1)
		}
		key := t.IntegrationKey
		if key == "" && filepath.Base(mpath) == "manifest.json" {
			abs, _ := filepath.Abs(mpath)
			key = strings.ToLower(filepath.Base(filepath.Dir(abs)))
		}
		c := map[string]any{"name": name, "integrationKey": key}
		if !json.Valid(manifest) {
			c["manifestText"] = string(manifest)
		} else {
			c["manifest"] = json.RawMessage(manifest)
		}
		for k, v := range map[string]any{"description": t.Description, "payload": t.Payload, "payloadText": t.PayloadText, "result": t.Result, "error": t.Error, "response": t.Response} {
			switch v := v.(type) {
			case string:
				if v != "" {
					c[k] = v
				}
			case json.RawMessage:
				if v != nil {
					c[k] = v
				}
			case *string:
				if v != nil {
					c[k] = *v
				}
			case *conformance.PayloadError:
				if v != nil {
					c[k] = v
				}
			}
		}
		cases = append(cases, c)
	}
	file["cases"] = cases
	out, err := json.Marshal(file)
	if err != nil {
		return nil, err
	}
	return loadCaseFile(path, out)
}

// loadCaseFile checks one file of cases with the conformance loader.
func loadCaseFile(path string, data []byte) ([]*conformance.Case, error) {
	name := filepath.Base(path)
	if !strings.HasSuffix(name, ".json") {
		name += ".json"
	}
	cases, err := conformance.Load(fstest.MapFS{name: {Data: data}}, ".")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, c := range cases {
		c.File = path
	}
	return cases, nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// outcomes returns what the case wants and what the target observed, as JSON
// objects with the same keys, for the diff.
func outcomes(c *conformance.Case, obs *conformance.Observation) (want, got []byte) {
	w, g := map[string]any{}, map[string]any{}
	switch {
	case c.Result != nil:
		w["result"] = c.Result
	case c.Error != nil:
		w["error"] = c.Error
	}
	if obs.Result != nil || obs.Error != nil {
		if obs.Result != nil {
			g["result"] = obs.Result
		}
		if obs.Error != nil {
			g["error"] = obs.Error
		}
	} else {
		delete(w, "result") // a server shows only its response
		delete(w, "error")
	}
	resp := c.Response
	if resp == nil && (c.Result != nil || c.Error != nil) {
		resp = wantedResponse(c)
	}
	if resp != nil && obs.Response != nil {
		w["response"] = map[string]any{"status": resp.Status, "body": rawOrNull(resp.Body)}
		g["response"] = map[string]any{"status": obs.Response.Status, "body": bodyJSON(obs.Response.Body)}
	}
	want, _ = json.Marshal(w)
	got, _ = json.Marshal(g)
	return want, got
}

// wantedResponse is the response a case without one wants (conformance README):
// 204 for a result, the default error body for an error (its message ignored).
func wantedResponse(c *conformance.Case) *conformance.Response {
	if c.Result != nil {
		return &conformance.Response{Status: 204}
	}
	body := parser.DefaultErrorBody(&parser.Error{Status: c.Error.Status, Code: parser.Code(c.Error.Code), Pointer: jsonpath.Pointer(c.Error.Pointer)})
	return &conformance.Response{Status: c.Error.Status, Body: body, Ignore: []string{"/message"}}
}

// ignored returns the pointers of the diff that are not compared: the case's
// response ignores, under /response/body.
func ignored(c *conformance.Case) map[string]bool {
	out := map[string]bool{}
	resp := c.Response
	if resp == nil && c.Error != nil {
		resp = wantedResponse(c)
	}
	if resp != nil {
		for _, p := range resp.Ignore {
			out["/response/body"+p] = true
		}
	}
	return out
}

func rawOrNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

// bodyJSON shows a body as JSON: itself when it is JSON, null when empty, a
// string otherwise.
func bodyJSON(b []byte) json.RawMessage {
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		return json.RawMessage("null")
	case json.Valid(b):
		return b
	}
	s, _ := json.Marshal(string(b))
	return s
}

func displayPtr(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}

// ANSI colours for a terminal.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// painter returns a function that colours text when on is true.
func painter(on bool) func(color, s string) string {
	return func(color, s string) string {
		if !on {
			return s
		}
		return color + s + reset
	}
}

// isTerminal reports whether w is a character device (a terminal) and colour
// is not turned off by NO_COLOR.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
