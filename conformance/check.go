package conformance

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/segsync/segsync/jsonpath"
)

// verdict is the comparison of one observation with its case.
type verdict struct {
	failures   []string
	convention string // the profile convention that excused the response, if any
	note       string // what the convention excused
	skip       string // why part of the case could not be checked
	checked    bool   // something was compared
}

func (v *verdict) fail(format string, args ...any) {
	v.failures = append(v.failures, fmt.Sprintf(format, args...))
}

// check compares what a target observed with what the case wants; the profile's
// conventions, when p is not nil, are accepted in place of the answer the
// semantics want.
func check(c *Case, obs *Observation, p *Profile) verdict {
	var v verdict
	if c.WantsCompileErrors() {
		if obs.Compile == nil {
			v.skip = "the target does not report compile problems"
			return v
		}
		v.checked = true
		compareProblems(&v, "compile errors", c.CompileErrors, obs.Compile.Errors)
		if c.Warnings != nil {
			compareProblems(&v, "warnings", c.Warnings, obs.Compile.Warnings)
		}
		return v
	}
	if obs.Compile != nil {
		v.checked = true
		if len(obs.Compile.Errors) > 0 {
			v.fail("the spec should compile, got errors %s", formatProblems(obs.Compile.Errors))
			return v
		}
		if c.Warnings != nil {
			compareProblems(&v, "warnings", c.Warnings, obs.Compile.Warnings)
		}
	}
	if obs.Result != nil || obs.Output != nil || obs.Error != nil {
		v.checked = true
		comparePayload(&v, c, obs)
	}
	switch {
	case obs.Response != nil:
		v.checked = true
		compareResponse(&v, c, obs.Response, p)
	case c.Response != nil:
		v.skip = cmp.Or(obs.ResponseSkipped, "the target does not report responses")
	case (c.Result != nil || c.Output != nil || c.Error != nil) && obs.Result == nil && obs.Output == nil && obs.Error == nil:
		v.skip = "the target reported neither a result, an error nor a response for the payload"
	}
	if !v.checked && v.skip == "" {
		v.skip = "the target observed nothing this case checks"
	}
	return v
}

func compareProblems(v *verdict, what string, want, got []Problem) {
	sortProblems := func(ps []Problem) []Problem {
		ps = slices.Clone(ps)
		slices.SortFunc(ps, func(a, b Problem) int {
			return cmp.Or(strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Code, b.Code))
		})
		if ps == nil {
			ps = []Problem{}
		}
		return ps
	}
	w, g := sortProblems(want), sortProblems(got)
	if !slices.Equal(w, g) {
		v.fail("%s: want %s, got %s", what, formatProblems(w), formatProblems(g))
	}
}

func formatProblems(ps []Problem) string {
	if ps == nil {
		ps = []Problem{}
	}
	return jsonText(ps)
}

func comparePayload(v *verdict, c *Case, obs *Observation) {
	switch {
	case c.Output != nil && obs.Error != nil:
		v.fail("want output %s, got error %s", bodyText(c.Output), formatError(obs.Error))
	case c.Error != nil && obs.Output != nil:
		v.fail("want error %s, got output %s", formatError(c.Error), bodyText(obs.Output))
	case c.Output != nil:
		if d := diffJSON(c.Output, obs.Output); d != "" {
			v.fail("output: %s", d)
		}
	case c.Result != nil && obs.Error != nil:
		v.fail("want a result, got error %s", formatError(obs.Error))
	case c.Error != nil && obs.Result != nil:
		v.fail("want error %s, got result %s", formatError(c.Error), jsonText(obs.Result))
	case c.Result != nil:
		if d := diffJSON(c.Result, obs.Result); d != "" {
			v.fail("result: %s", d)
		}
	case c.Error != nil:
		if *c.Error != *obs.Error {
			v.fail("want error %s, got %s", formatError(c.Error), formatError(obs.Error))
		}
	}
}

func formatError(e *PayloadError) string { return jsonText(e) }

// jsonText returns v as compact JSON, without escaping <, > and &.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprintf("(not JSON: %v)", err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// maxShownBody bounds how much of a body that is not JSON a message shows.
const maxShownBody = 200

// bodyText shows a response body in a message: as is when it is JSON (compact),
// as a JSON string otherwise (its first maxShownBody bytes, then its length), so
// that every message stays JSON, never Go syntax.
func bodyText(body []byte) string {
	var buf bytes.Buffer
	if json.Valid(body) && json.Compact(&buf, body) == nil {
		return buf.String()
	}
	if len(body) > maxShownBody {
		return fmt.Sprintf("%s… (%d bytes)", jsonText(strings.ToValidUTF8(string(body[:maxShownBody]), "\uFFFD")), len(body))
	}
	return jsonText(string(body))
}

// compareResponse checks a response against the case's wanted response, or,
// without one, against what its result or error implies: 204 with no body for a
// result, and the error's status with the default error body for an error. A
// profile's conventions stand in for those two implied answers.
func compareResponse(v *verdict, c *Case, got *ObservedResponse, p *Profile) {
	if want := c.Response; want != nil {
		if got.Status != want.Status {
			v.fail("response status: want %d, got %d (body %s)", want.Status, got.Status, bodyText(got.Body))
		}
		switch {
		case want.Status == http.StatusNoContent:
			if len(got.Body) != 0 {
				v.fail("response body: want none with 204, got %s", bodyText(got.Body))
			}
		case want.Body != nil:
			compareBody(v, want.Body, got.Body, want.Ignore)
		}
		return
	}
	var conv Conventions
	if p != nil {
		conv = p.Conventions
	}
	switch {
	case c.Result != nil:
		if got.Status == http.StatusNoContent && len(got.Body) == 0 {
			return
		}
		if cv := conv.SuccessWithoutTemplate; cv != nil && cv.behaviour.matches(got) {
			v.convention, v.note = conventionSuccess, fmt.Sprintf("%s instead of 204 with no body (row %s)", cv.behaviour, cv.Row)
			return
		}
		v.fail("response: want 204 with no body, got %d (body %s)", got.Status, bodyText(got.Body))
	case c.Error != nil:
		if got.Status != c.Error.Status {
			v.fail("response status: want %d, got %d (body %s)", c.Error.Status, got.Status, bodyText(got.Body))
			return
		}
		if cv := conv.ErrorBodyWithoutTemplate; cv != nil && ShapeOf(got.Body) == cv.behaviour.Body {
			v.convention, v.note = conventionError, fmt.Sprintf("%d with %s body instead of the default error body (row %s)", got.Status, cv.behaviour.Body, cv.Row)
			return
		}
		checkDefaultErrorBody(v, c.Error, got.Body)
	}
}

// checkDefaultErrorBody checks the default error body of SPEC §7:
// {"status": N, "code": "...", "message": "...", "pointer": "..."}, with any
// non-empty message.
func checkDefaultErrorBody(v *verdict, want *PayloadError, body []byte) {
	doc, err := decodeBody(body)
	got, ok := doc.(map[string]any)
	if err != nil || !ok {
		v.fail("the default error body is not a JSON object (body %s)", bodyText(body))
		return
	}
	text := func(k string) (string, bool) { s, ok := got[k].(string); return s, ok }
	status, _ := got["status"].(json.Number)
	code, _ := text("code")
	pointer, hasPointer := text("pointer")
	message, _ := text("message")
	switch {
	case status.String() != fmt.Sprint(want.Status):
		v.fail("default error body: want the number %d as status (body %s)", want.Status, bodyText(body))
	case code != want.Code:
		v.fail("default error body: want code %s (body %s)", jsonText(want.Code), bodyText(body))
	case !hasPointer || pointer != want.Pointer:
		v.fail("default error body: want pointer %s (body %s)", jsonText(want.Pointer), bodyText(body))
	case message == "":
		v.fail("default error body: want a non-empty message (body %s)", bodyText(body))
	}
}

// compareBody compares two JSON documents as values, numbers by their text, after
// replacing the values at the ignored pointers (which must exist in both).
func compareBody(v *verdict, want, got []byte, ignore []string) {
	w, err := decodeBody(want)
	if err != nil {
		v.fail("the wanted body is not JSON: %v", err)
		return
	}
	g, err := decodeBody(got)
	if err != nil {
		v.fail("the response body is not JSON: %v (body %s)", err, bodyText(got))
		return
	}
	for _, p := range ignore {
		ptr, err := jsonpath.Parse(p)
		if err != nil { // Validate rejects such a case before it runs
			v.fail("response.ignore %s: %v", jsonText(p), err)
			continue
		}
		var ok bool
		if w, ok = blank(w, ptr.Tokens()); !ok {
			v.fail("ignored pointer %s is not in the wanted body", jsonText(p))
		}
		if g, ok = blank(g, ptr.Tokens()); !ok {
			v.fail("response body: no value at %s (body %s)", jsonText(p), bodyText(got))
		}
	}
	if d := diffValues(w, g); d != "" {
		v.fail("response body: %s", d)
	}
}

// decodeBody decodes one whole JSON document (nothing before or after it), with
// numbers as json.Number.
func decodeBody(b []byte) (any, error) {
	if !json.Valid(b) {
		return nil, errors.New("not one valid JSON document")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// blank replaces the value at tokens inside v with a placeholder, reporting
// whether it was there.
func blank(v any, tokens []string) (any, bool) {
	if len(tokens) == 0 {
		return "(ignored)", true
	}
	switch x := v.(type) {
	case map[string]any:
		child, ok := x[tokens[0]]
		if !ok {
			return v, false
		}
		x[tokens[0]], ok = blank(child, tokens[1:])
		return x, ok
	case []any:
		i, ok := jsonpath.ArrayIndex(tokens[0], len(x))
		if !ok {
			return v, false
		}
		x[i], ok = blank(x[i], tokens[1:])
		return x, ok
	}
	return v, false
}
