package conformance

import (
	"bytes"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/jsonpath"
)

//go:embed cases/*.json
var bundled embed.FS

// File is the content of one case file: a description of its topic and its cases.
type File struct {
	Description string  `json:"description"`
	Cases       []*Case `json:"cases"`
}

// Bundled returns the cases embedded in the package, in file order and, within a
// file, in the order written.
func Bundled() ([]*Case, error) { return Load(bundled, "cases") }

// LoadDir loads the case files (*.json) of the directory dir on disk.
func LoadDir(dir string) ([]*Case, error) {
	if _, err := os.ReadDir(dir); err != nil {
		return nil, fmt.Errorf("conformance: %w", err) // a missing directory is not an empty one
	}
	return load(os.DirFS(dir), ".", dir)
}

// Load reads every *.json file directly under dir in fsys, in name order, checks
// each case against the format's rules and stamps it with its file and group. It
// fails when dir holds no case at all, so that a run never passes on missing data.
func Load(fsys fs.FS, dir string) ([]*Case, error) { return load(fsys, dir, dir) }

// load is Load, naming the directory shown in errors.
func load(fsys fs.FS, dir, shown string) ([]*Case, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("conformance: no case files (*.json) in %s", shown)
	}
	var all []*Case
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		cases, err := parseFile(path.Base(name), data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, cases...)
	}
	if err := checkKeys(all); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("conformance: the case files in %s hold no case", shown)
	}
	return all, nil
}

// parseFile decodes one case file strictly (unknown fields are errors) and
// validates its cases.
func parseFile(name string, data []byte) ([]*Case, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		if strings.Contains(err.Error(), `unknown field "knownDifference"`) {
			return nil, fmt.Errorf("%s: %w (known differences belong to an implementation's profile now: see conformance/profiles/)", name, err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !json.Valid(data) {
		return nil, fmt.Errorf("%s: not one valid JSON document (data after the top-level object?)", name)
	}
	if len(f.Cases) == 0 {
		return nil, fmt.Errorf("%s: the file holds no cases (\"cases\" is missing, null or empty)", name)
	}
	group := strings.TrimSuffix(name, ".json")
	seen := make(map[string]bool)
	var errs []error
	for i, c := range f.Cases {
		if c == nil {
			errs = append(errs, fmt.Errorf("%s: case %d is null", name, i))
			continue
		}
		c.File, c.Group = name, group
		if seen[c.Name] {
			errs = append(errs, fmt.Errorf("%s: case %q: the name is used twice", name, c.Name))
		}
		seen[c.Name] = true
		if err := c.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: case %q (#%d): %w", name, c.Name, i, err))
		}
	}
	return f.Cases, errors.Join(errs...)
}

var (
	caseName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)
	keyName  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

var codeStatus = map[string]int{
	"invalid_json": 400, "missing": 400, "wrong_type": 400, "invalid_value": 400, "too_large": 413,
}

// Validate checks the rules of the case format that JSON decoding cannot (the
// README's "The format"): Load applies it to every case, and RunCase to a case
// built by hand, which it refuses to run when Validate fails.
func (c *Case) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !caseName.MatchString(c.Name) {
		bad("name %q must match %s", c.Name, caseName)
	}
	if n := count(c.Spec != nil, c.Manifest != nil, c.ManifestText != nil); n != 1 {
		bad("give exactly one of spec, manifest and manifestText, not %d", n)
	}
	if c.IntegrationKey != "" && !keyName.MatchString(c.IntegrationKey) {
		bad("integrationKey %q must match %s", c.IntegrationKey, keyName)
	}
	if n := count(c.Payload != nil, c.PayloadText != nil, c.PayloadBase64 != nil); n > 1 {
		bad("give at most one of payload, payloadText and payloadBase64")
	}
	if c.PayloadBase64 != nil {
		if _, err := base64.StdEncoding.DecodeString(*c.PayloadBase64); err != nil {
			bad("payloadBase64: %v", err)
		}
	}
	if err := capability.Valid(c.CapabilityName()); err != nil {
		bad("capability: %v", err)
	}
	if !c.IsSyncedSegment() {
		switch {
		case c.Spec != nil:
			bad("a case of capability %s gives a whole manifest, not a syncedSegment spec", c.Capability)
		case c.Result != nil || c.Response != nil || c.ResponseOptions != nil:
			bad("a case of capability %s wants output, not result, response or responseOptions", c.Capability)
		}
	} else if c.Output != nil {
		bad("output is for the capabilities other than syncedSegment: a syncedSegment case wants result")
	}
	if c.Output != nil && !json.Valid(c.Output) {
		bad("output is not JSON")
	}
	_, hasPayload := c.PayloadBytes()
	switch n := count(c.Result != nil || c.Output != nil, c.Error != nil, len(c.CompileErrors) > 0); {
	case n > 1:
		bad("give only one of result (or output), error and compileErrors")
	case n == 0 && c.Warnings == nil:
		bad("give result, error, compileErrors or warnings: the case checks nothing")
	case n == 0 && hasPayload:
		bad("a payload needs a wanted result or error")
	case len(c.CompileErrors) > 0 && (hasPayload || c.Response != nil):
		bad("a case that must not compile has no payload and no response")
	case (c.Result != nil || c.Output != nil || c.Error != nil) && !hasPayload:
		bad("a wanted result or error needs a payload")
	}
	if c.Result != nil {
		if c.Result.Segments == nil {
			bad("result.segments must be an array")
		}
		for i, s := range c.Result.Segments {
			if s.Add == nil || s.Remove == nil {
				bad("result.segments[%d]: add and remove must be arrays", i)
			}
		}
	}
	if e := c.Error; e != nil {
		if st, ok := codeStatus[e.Code]; !ok {
			bad("error.code %q is not a payload error code", e.Code)
		} else if e.Status != st {
			bad("error.status %d does not answer code %q (%d)", e.Status, e.Code, st)
		}
	}
	for _, p := range append(append([]Problem{}, c.CompileErrors...), c.Warnings...) {
		if p.Code == "" {
			bad("a problem needs a code")
		}
		if _, err := jsonpath.Parse(p.Pointer); err != nil {
			bad("problem pointer %q: %v", p.Pointer, err)
		}
	}
	if r := c.Response; r != nil {
		if r.Status < 100 || r.Status > 599 {
			bad("response.status %d is not an HTTP status", r.Status)
		}
		if r.Body != nil && !json.Valid(r.Body) {
			bad("response.body is not JSON")
		}
		if r.Status == 204 && (r.Body != nil || len(r.Ignore) > 0) {
			bad("a 204 response has no body: drop response.body and response.ignore")
		}
		for _, p := range r.Ignore {
			if _, err := jsonpath.Parse(p); err != nil {
				bad("response.ignore %q: %v", p, err)
			}
		}
	}
	if c.HasTemplate() && (c.Result != nil || c.Error != nil) && c.Response == nil {
		bad("the manifest has a jsonResponseBody: give the wanted response")
	}
	return errors.Join(errs...)
}

// hasTemplate reports whether a manifest has a string jsonResponseBody.
func hasTemplate(manifest []byte) bool {
	var m struct {
		Capabilities struct {
			SyncedSegment struct {
				JSONResponseBody any `json:"jsonResponseBody"`
			} `json:"syncedSegment"`
		} `json:"capabilities"`
	}
	if json.Unmarshal(manifest, &m) != nil {
		return false
	}
	_, ok := m.Capabilities.SyncedSegment.JSONResponseBody.(string)
	return ok
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// checkKeys checks that an integration key names one manifest only, so that the
// exported manifests of all cases can be served side by side.
func checkKeys(cases []*Case) error {
	type use struct {
		manifest []byte
		id       string
	}
	first := make(map[string]use)
	var errs []error
	for _, c := range cases {
		if c.IntegrationKey == "" {
			continue
		}
		m := compact(c.ManifestBytes())
		if u, ok := first[c.IntegrationKey]; !ok {
			first[c.IntegrationKey] = use{m, c.ID()}
		} else if !bytes.Equal(u.manifest, m) {
			errs = append(errs, fmt.Errorf("%s: integrationKey %q already names another manifest (in %s)", c.ID(), c.IntegrationKey, u.id))
		}
	}
	return errors.Join(errs...)
}

func compact(b []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}
