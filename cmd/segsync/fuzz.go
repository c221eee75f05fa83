package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/payloadgen"
)

// The fuzz command's bounds.
const (
	fuzzDefaultCount  = 1000             // payloads when neither --count nor --duration is given
	fuzzShrinkBudget  = 80               // candidates tried to minimize one divergence
	fuzzTimeout       = 10 * time.Second // one request to the target, by default
	fuzzProgressEvery = 250              // payloads between progress lines
)

func runFuzz(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("fuzz", "fuzz --manifest FILE [--integration KEY] [--target URL] [--token T] [--endpoint-path P] [--count N | --duration D] [--seed N] [--out DIR] [--timeout D]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	key := fs.String("integration", "", "the integration key; by default the manifest's folder name when the file is named manifest.json")
	target := fs.String("target", "", "the base URL of an endpoint to compare with the library, such as http://127.0.0.1:3000")
	token := fs.String("token", "", "the access token sent as the raw Authorization header (with --target)")
	endpoint := fs.String("endpoint-path", conformance.DefaultEndpointPath, "the path before the integration key (with --target); the framework's validation server uses /api/v2/segment-target/")
	count := fs.Int("count", 0, fmt.Sprintf("how many payloads to try (default %d)", fuzzDefaultCount))
	duration := fs.Duration("duration", 0, "how long to run, instead of --count")
	seed := fs.Uint64("seed", 1, "the seed: the same seed gives the same payloads")
	out := fs.String("out", "", "a folder for the minimized divergences, one conformance case file each")
	timeout := fs.Duration("timeout", fuzzTimeout, "how long to wait for the target's answer to one payload; no answer in time is a divergence")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case *manifest == "" || len(rest) > 0:
		fs.Usage()
		return 2
	case set["count"] && set["duration"]:
		fmt.Fprintln(stderr, "segsync fuzz: --count and --duration exclude each other")
		return 2
	case set["count"] && *count <= 0, set["duration"] && *duration <= 0, *timeout <= 0:
		fmt.Fprintln(stderr, "segsync fuzz: --count, --duration and --timeout must be positive")
		return 2
	case *target == "" && (set["token"] || set["endpoint-path"]):
		fmt.Fprintln(stderr, "segsync fuzz: --token and --endpoint-path need --target")
		return 2
	}
	if *target != "" {
		if u, err := url.Parse(*target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "segsync fuzz: --target %q is not an http(s) URL such as http://127.0.0.1:3000\n", *target)
			return 2
		}
	}
	if *key == "" && filepath.Base(*manifest) == "manifest.json" {
		abs, _ := filepath.Abs(*manifest)
		*key = strings.ToLower(filepath.Base(filepath.Dir(abs)))
	}
	if *key == "" && *target != "" {
		fmt.Fprintln(stderr, "segsync fuzz: --target needs --integration (the key in the endpoint's path)")
		return 2
	}
	shape, data, code := loadShape(*manifest, *key, stderr)
	if shape == nil {
		return code
	}
	if !set["count"] && !set["duration"] {
		*count = fuzzDefaultCount
	}
	f := &fuzzer{
		shape: shape, key: *key, manifest: data, seed: *seed,
		gen:    payloadgen.New(shape, *seed),
		stderr: stderr, byKey: map[string]*divergence{},
	}
	if *target != "" {
		f.target = &httpTarget{key: *key, timeout: *timeout, http: &conformance.HTTP{
			BaseURL: *target, EndpointPath: *endpoint, Token: *token, Client: &http.Client{},
		}}
	}
	if err := f.run(*count, *duration); err != nil {
		fmt.Fprintf(stderr, "segsync fuzz: %v\n", err)
		return 2
	}
	if *out != "" && len(f.distinct) > 0 {
		if err := f.write(*out); err != nil {
			fmt.Fprintf(stderr, "segsync fuzz: %v\n", err)
			return 2
		}
	}
	f.summary(stdout, *target, *out)
	if len(f.distinct) > 0 {
		return 1
	}
	return 0
}

// verdict is an implementation's answer to one payload.
type verdict struct {
	Status int
	Code   string // the error code, when the answer names one
	Body   []byte
	// message is the library's error message, which a template may show and
	// another implementation words differently.
	message string
}

func (v verdict) String() string {
	s := fmt.Sprint(v.Status)
	if v.Code != "" {
		s += " " + v.Code
	}
	return s
}

// divergence is one way the target differs from the library, with the first
// payload that showed it, minimized.
type divergence struct {
	key      string
	reason   string
	payload  *payloadgen.Payload
	lib, got verdict
	result   *parser.Result
	perr     *parser.Error
	count    int
	file     string
}

type fuzzer struct {
	shape    *payloadgen.Shape
	key      string
	manifest []byte
	seed     uint64
	gen      *payloadgen.Generator
	target   *httpTarget
	stderr   io.Writer

	payloads, valid, accepted, tolerated, requests int
	byKey                                          map[string]*divergence
	distinct                                       []*divergence
	total                                          int
}

// run tries payloads until count is reached or duration has passed: a third
// valid (one variant each), the rest near misses of every kind.
func (f *fuzzer) run(count int, duration time.Duration) error {
	deadline := time.Now().Add(duration)
	for i := 0; duration > 0 && time.Now().Before(deadline) || duration == 0 && i < count; i++ {
		var p *payloadgen.Payload
		var err error
		if i%3 == 0 {
			v := payloadgen.Variants[(i/3)%len(payloadgen.Variants)]
			var ok bool
			if p, ok, err = f.gen.ValidVariant(v); err == nil && !ok {
				p, _, err = f.gen.ValidVariant(payloadgen.Plain)
			}
		} else {
			p, err = f.gen.NearMiss()
		}
		if err != nil {
			return err
		}
		f.payloads++
		if p.Valid() {
			f.valid++
		}
		if err := f.try(p); err != nil {
			return err
		}
		if f.payloads%fuzzProgressEvery == 0 {
			fmt.Fprintf(f.stderr, "fuzz: %d payloads, %d divergences (%d distinct)\n", f.payloads, f.total, len(f.distinct))
		}
	}
	return nil
}

// try runs one payload and records a divergence.
func (f *fuzzer) try(p *payloadgen.Payload) error {
	lib, res, perr := f.library(p.Bytes())
	if perr == nil {
		f.accepted++
	}
	reason, tolerated, err := f.compare(p, lib, res, perr)
	if err != nil {
		return err
	}
	if tolerated {
		f.tolerated++
	}
	if reason == "" {
		return nil
	}
	f.total++
	what := p.Mutation.String()
	if p.Valid() {
		what = "valid " + p.Variant.String()
	}
	if p.Field != "" && p.Mutation != payloadgen.NotJSON {
		what += " at " + p.Field
	}
	key := what + ": " + reason
	if d := f.byKey[key]; d != nil {
		d.count++
		return nil
	}
	d := &divergence{key: key, reason: reason, count: 1}
	f.byKey[key] = d
	f.distinct = append(f.distinct, d)
	// Minimize: a smaller payload that diverges in the same way.
	keep := func(c *payloadgen.Payload) bool {
		lib, res, perr := f.library(c.Bytes())
		r, _, err := f.compare(c, lib, res, perr)
		return err == nil && r == reason
	}
	budget := fuzzShrinkBudget
	if strings.Contains(reason, "timeout") {
		budget = 0 // each try would wait for the timeout
	}
	small, _ := p.Shrink(keep, budget)
	d.payload = small
	d.lib, d.result, d.perr = f.library(small.Bytes())
	if f.target != nil {
		d.got, _ = f.target.answer(small.Bytes())
	}
	return nil
}

// library answers a payload with segsync's own program.
func (f *fuzzer) library(payload []byte) (verdict, *parser.Result, *parser.Error) {
	resp, res, err := f.shape.Program.Respond(payload, parser.ResponseOptions{})
	v := verdict{Status: resp.Status, Body: resp.Body}
	var perr *parser.Error
	if errors.As(err, &perr) {
		v.Code, v.message = string(perr.Code), perr.Message
	}
	return v, res, perr
}

// compare returns why the target's answer (or, without a target, the
// library's own other entry points and the generator's expectation) differs
// from the library's, "" when it does not; tolerated reports a success answered
// 200 with an empty body where 204 is due (SEMANTICS §9, not a divergence).
func (f *fuzzer) compare(p *payloadgen.Payload, lib verdict, res *parser.Result, perr *parser.Error) (string, bool, error) {
	if f.target == nil {
		return f.selfCheck(p, res, perr), false, nil
	}
	got, err := f.target.answer(p.Bytes())
	f.requests++
	if err != nil {
		return "", false, err
	}
	if lib.Status == http.StatusNoContent && got.Status == http.StatusOK && len(bytes.TrimSpace(got.Body)) == 0 {
		return "", true, nil
	}
	if lib.Status != got.Status {
		return fmt.Sprintf("library %s, target %s", lib, got), false, nil
	}
	if !f.shape.HasTemplate {
		if lib.Code != "" && got.Code != "" && lib.Code != got.Code {
			return fmt.Sprintf("library %s, target %s", lib, got), false, nil
		}
		return "", false, nil
	}
	diffs, err := jsonDiff(lib.Body, got.Body, messagePointers(lib))
	if err != nil {
		return fmt.Sprintf("library %s, target %s with a body that is not JSON", lib, got), false, nil
	}
	if len(diffs) > 0 {
		ptrs := make([]string, len(diffs))
		for i, d := range diffs {
			ptrs[i] = d.Pointer
		}
		return fmt.Sprintf("library %s, target %s, bodies differ at %s", lib, got, strings.Join(ptrs, ", ")), false, nil
	}
	return "", false, nil
}

// selfCheck is the comparison without a target: ParseReader agrees with
// Respond, and a valid payload gives the result the generator planned.
func (f *fuzzer) selfCheck(p *payloadgen.Payload, res *parser.Result, perr *parser.Error) string {
	res2, err2 := f.shape.Program.ParseReader(bytes.NewReader(p.Bytes()))
	a, _ := json.Marshal(map[string]any{"result": res, "error": perr})
	var perr2 *parser.Error
	errors.As(err2, &perr2)
	b, _ := json.Marshal(map[string]any{"result": res2, "error": perr2})
	if !bytes.Equal(a, b) {
		return "Respond and ParseReader disagree"
	}
	if !p.Valid() {
		return ""
	}
	if perr != nil {
		return "a valid payload is rejected: " + string(perr.Code)
	}
	want := p.Want(f.key)
	got := *res
	got.Segments = nil
	for _, s := range res.Segments {
		s.CohortName, s.CohortURL = "", ""
		got.Segments = append(got.Segments, s)
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(&got)
	if !bytes.Equal(wb, gb) {
		return "a valid payload parses to other members than generated"
	}
	return ""
}

// messagePointers lists the places of the library's body that hold its error
// message, which another implementation may word differently.
func messagePointers(v verdict) map[string]bool {
	out := map[string]bool{}
	if v.message == "" {
		return out
	}
	var body any
	if json.Unmarshal(v.Body, &body) != nil {
		return out
	}
	walkJSON(body, "", func(ptr string, x any) {
		if s, ok := x.(string); ok && s == v.message {
			out[ptr] = true
		}
	})
	return out
}

// httpTarget posts payloads to one endpoint, through the conformance suite's
// HTTP target.
type httpTarget struct {
	http    *conformance.HTTP
	key     string
	timeout time.Duration
}

// answer posts a payload and reads the answer, its code from a JSON body's
// "code" when there is one.
func (t *httpTarget) answer(payload []byte) (verdict, error) {
	ctx, cancel := context.WithTimeout(context.Background(), t.timeout)
	defer cancel()
	obs, err := t.http.Observe(ctx, &conformance.Case{IntegrationKey: t.key, Payload: payload})
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		// No answer in time is a finding about the payload (a backtracking
		// matcher, say), not a reason to stop.
		return verdict{Code: "timeout"}, nil
	}
	if err != nil {
		return verdict{}, fmt.Errorf("the target: %w", err)
	}
	if obs.Response == nil {
		return verdict{}, fmt.Errorf("the target gave no answer: %s%s", obs.Skip, obs.ResponseSkipped)
	}
	v := verdict{Status: obs.Response.Status, Body: obs.Response.Body}
	var coded struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(v.Body, &coded) == nil {
		v.Code = coded.Code
	}
	return v, nil
}

// write writes every distinct divergence as a conformance case file, named
// after the seed and its rank, with the library's answer as the wanted one.
func (f *fuzzer) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, d := range f.distinct {
		name := fmt.Sprintf("fuzz-seed%d-%d", f.seed, i+1)
		c, err := f.caseOf(name, d)
		if err != nil {
			return err
		}
		file := conformance.File{
			Description: fmt.Sprintf("Found by segsync fuzz --seed %d: %s.", f.seed, d.key),
			Cases:       []*conformance.Case{c},
		}
		data, err := json.MarshalIndent(file, "", "  ")
		if err != nil {
			return err
		}
		d.file = filepath.Join(dir, name+".json")
		if err := os.WriteFile(d.file, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// caseOf makes the conformance case of a divergence: the manifest, the
// minimized payload and what the library answers, which is what the semantics
// require.
func (f *fuzzer) caseOf(name string, d *divergence) (*conformance.Case, error) {
	var manifest bytes.Buffer
	if err := json.Compact(&manifest, f.manifest); err != nil {
		return nil, err
	}
	c := &conformance.Case{
		Name:           name,
		Description:    fmt.Sprintf("%s (%s); the target answered %s where segsync answers %s.", d.payload.Note, d.key, d.got, d.lib),
		Manifest:       manifest.Bytes(),
		IntegrationKey: f.key,
	}
	if d.payload.Valid() {
		c.Description = fmt.Sprintf("A valid payload (%s); the target answered %s where segsync answers %s.", d.payload.Variant, d.got, d.lib)
	}
	payload := d.payload.Bytes()
	switch {
	case json.Valid(payload) && utf8.Valid(payload):
		c.Payload = payload
	case utf8.Valid(payload):
		s := string(payload)
		c.PayloadText = &s
	default:
		s := base64.StdEncoding.EncodeToString(payload)
		c.PayloadBase64 = &s
	}
	if d.perr != nil {
		c.Error = &conformance.PayloadError{Status: d.perr.Status, Code: string(d.perr.Code), Pointer: string(d.perr.Pointer), Field: d.perr.Field}
	} else {
		var r conformance.Result
		b, _ := json.Marshal(d.result)
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, err
		}
		c.Result = &r
	}
	if f.shape.HasTemplate {
		c.Response = &conformance.Response{Status: d.lib.Status, Body: d.lib.Body}
		for p := range messagePointers(d.lib) {
			c.Response.Ignore = append(c.Response.Ignore, p)
		}
		sort.Strings(c.Response.Ignore)
	}
	return c, nil
}

// summary prints what the run found.
func (f *fuzzer) summary(w io.Writer, target, out string) {
	against := "the library"
	if target != "" {
		against = target
	}
	fmt.Fprintf(w, "segsync fuzz: seed %d, %d payloads (%d valid, %d near misses) against %s\n", f.seed, f.payloads, f.valid, f.payloads-f.valid, against)
	fmt.Fprintf(w, "the library accepted %d and rejected %d\n", f.accepted, f.payloads-f.accepted)
	if f.tolerated > 0 {
		fmt.Fprintf(w, "%d successes answered 200 with an empty body where segsync answers 204 (SEMANTICS §9): not counted\n", f.tolerated)
	}
	if len(f.distinct) == 0 {
		fmt.Fprintln(w, "no divergence")
		return
	}
	fmt.Fprintf(w, "%d divergences, %d distinct, the most frequent first:\n", f.total, len(f.distinct))
	byCount := append([]*divergence(nil), f.distinct...)
	sort.SliceStable(byCount, func(i, j int) bool { return byCount[i].count > byCount[j].count })
	for _, d := range byCount {
		fmt.Fprintf(w, "  %4dx %s\n", d.count, d.key)
		fmt.Fprintf(w, "        minimized (%d bytes): %s\n", len(d.payload.Bytes()), shorten(d.payload.Bytes(), 160))
		if d.file != "" {
			fmt.Fprintf(w, "        case file: %s\n", d.file)
		}
	}
	if out == "" {
		fmt.Fprintln(w, "run with --out DIR to write each as a conformance case file")
	}
}

// shorten shows a payload on one line, cut to n bytes, invalid UTF-8 quoted.
func shorten(b []byte, n int) string {
	s := string(b)
	if len(s) > n {
		s = s[:n] + "..."
	}
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%q", s)
	}
	return strings.ReplaceAll(s, "\n", `\n`)
}
