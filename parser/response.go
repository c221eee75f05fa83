package parser

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

// ResponseOptions are the values an embedding service supplies for the response
// template. Empty fields take the validation server's defaults: ProjectKey
// "default", EnvironmentKey the payload's environment ID, and SegmentURL
// "https://app.launchdarkly.com/<ProjectKey>/<EnvironmentKey or production>/segments/<segmentKey>/targeting",
// each part escaped as one URL path segment.
type ResponseOptions struct {
	ProjectKey     string
	EnvironmentKey string
	SegmentURL     string
}

// Response is the HTTP answer to one payload.
type Response struct {
	// Status is the HTTP status: 204 or 200 on success, the payload error's
	// status, 413 when an accepted payload made the template pass its limits
	// (output size, steps; an error answer that passes them keeps its error,
	// with the default body), or 500 when the template rendered something that
	// is not JSON.
	Status int
	// Body is the response body, nil for 204. It is always valid JSON.
	Body []byte
	// RenderErr reports why the template's output was replaced by the default
	// error body (Status 413 or 500); nil otherwise.
	RenderErr error

	answered *Error // the payload error a 413 for the template's limits answers
}

// The probe contexts a template must render to JSON with at compile time.
var (
	probeSuccess = map[string]any{
		"requestBody": &jsonvalue.Object{}, "statusCode": 200, "errorMessage": "",
		"projectKey": "default", "environmentKey": "env", "segmentKey": "key-cohort",
		"segmentUrl": "https://app.launchdarkly.com/default/production/segments/key-cohort/targeting",
	}
	probeError = map[string]any{
		"requestBody": nil, "statusCode": 400, "errorMessage": `no value at "/x" \ {}`,
		"projectKey": "default", "environmentKey": "", "segmentKey": "",
		"segmentUrl": "",
	}
)

// compileTemplate parses a jsonResponseBody and checks that it renders JSON for a
// success and an error context. It returns the template, or the offset of the
// problem, a message and its typed cause.
func compileTemplate(src string) (*handlebars.Template, int, string, error) {
	t, err := handlebars.Parse(src, handlebars.WithFrameworkHelpers())
	if err != nil {
		var pe *handlebars.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Offset, "jsonResponseBody is not a valid template: " + pe.Msg, err
		}
		return nil, 0, "jsonResponseBody is not a valid template: " + err.Error(), err
	}
	for _, probe := range []struct {
		name string
		ctx  map[string]any
	}{{"a success", probeSuccess}, {"an error", probeError}} {
		out, err := t.Render(probe.ctx)
		if errors.Is(err, handlebars.ErrHelper) {
			// A helper that rejects the probe's data (formatWithOffset of a
			// missing time) fails at run time for such data only.
			continue
		}
		if err != nil {
			off := 0
			var re *handlebars.RenderError
			if errors.As(err, &re) {
				off = re.Offset
			}
			return nil, off, fmt.Sprintf("jsonResponseBody fails to render for %s: %v", probe.name, err), err
		}
		if err := checkJSON(out); err != nil {
			// Point at what wrote the offending byte of the output.
			off := 0
			var se *jsonvalue.SyntaxError
			if errors.As(err, &se) {
				off = max(t.Locate(probe.ctx, int(se.Offset)), 0)
			}
			return nil, off, fmt.Sprintf("jsonResponseBody does not render to JSON for %s: %v; rendered: %s", probe.name, err, clip(out, 200)), err
		}
	}
	return t, 0, "", nil
}

// clip shows at most n bytes of rendered output in a message: cut at a character,
// with control characters, bidirectional marks and invalid bytes escaped, so that
// a template's output can neither flood nor drive a terminal.
func clip(s string, n int) string {
	var b strings.Builder
	for i, r := range s {
		if i >= n {
			b.WriteString("…")
			break
		}
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, "\\x%02x", s[i])
				continue
			}
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkJSON reports whether s is one valid JSON document (strict, UTF-8).
func checkJSON(s string) error {
	_, err := jsonvalue.Decode([]byte(s), 0)
	return err
}

// Respond parses a payload and renders the answer the endpoint gives for it: on
// success 204 with no body, or 200 with the rendered jsonResponseBody; on a payload
// error its status with the rendered body, or with the default body
// {"status":N,"code":"...","message":"...","pointer":"..."} when the manifest has no
// template. The result and the payload error are returned as Parse returns them.
//
// The template's requestBody is built from the parts of the payload the template
// reads, captured in the same single pass as the result (the whole payload when
// the template's reads cannot be listed statically: ../, @root, a bare
// requestBody, or #each over it).
func (p *Program) Respond(payload []byte, opts ResponseOptions) (*Response, *Result, error) {
	return p.RespondWith(payload, opts, nil)
}

// RespondWith is Respond for a service that acts on each accepted result before it
// answers. apply is called with the result of an accepted payload once its success
// answer has rendered; it is not called for a rejected payload, nor when the
// template failed to render (a 500). When apply fails, the answer becomes an error
// answer rendered with the same context (the payload, the result's environment and
// cohort): a *Error from apply gives its status (500 unless 4xx or 5xx), code and
// message; any other error gives 500, code "internal" and the message "the segment
// update could not be applied", so that the cause is not shown to the partner.
// RespondWith then returns a nil result and the *Error (wrapping apply's error when
// it was not one).
func (p *Program) RespondWith(payload []byte, opts ResponseOptions, apply func(*Result) error) (*Response, *Result, error) {
	res, pl, err := p.judge(payload, nil)
	return p.answer(res, pl, err, opts, apply)
}

// RespondReader is RespondWith over a stream, as ParseReader is Parse over one: the
// payload is read through a fixed-size buffer and never held whole. When reading r
// fails, RespondReader returns a nil Response and a *ReadError: the payload was
// not seen whole, so there is no answer about it, and the caller decides what to
// tell the sender (for an HTTP server, typically that the body could not be read).
func (p *Program) RespondReader(r io.Reader, opts ResponseOptions, apply func(*Result) error) (*Response, *Result, error) {
	res, pl, err := p.judge(nil, r)
	var rerr *ReadError
	if errors.As(err, &rerr) {
		return nil, nil, err
	}
	return p.answer(res, pl, err, opts, apply)
}

// answer renders the answer to a judged payload, applying an accepted result first
// (see RespondWith).
func (p *Program) answer(res *Result, pl *payloadView, err error, opts ResponseOptions, apply func(*Result) error) (*Response, *Result, error) {
	resp := p.respond(res, err, pl, opts)
	if resp.answered != nil && err == nil { // the payload made the answer too large
		return resp, nil, resp.answered
	}
	if err != nil || apply == nil || resp.RenderErr != nil {
		return resp, res, err
	}
	if aerr := apply(res); aerr != nil {
		var perr *Error
		switch {
		case !errors.As(aerr, &perr):
			perr = &Error{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "the segment update could not be applied", Err: aerr}
		case perr.Status < 400 || perr.Status > 599: // not an error status: answer 500
			e := *perr
			e.Status, e.Err = http.StatusInternalServerError, aerr
			perr = &e
		}
		return p.respond(res, perr, pl, opts), nil, perr
	}
	return resp, res, nil
}

// judge parses a payload, given whole or as a reader, for a response: the result
// or the payload error, and what the response may show of the payload (nil when
// it is not valid JSON, its top level is neither an object nor an array, or
// there is no template).
func (p *Program) judge(payload []byte, r io.Reader) (*Result, *payloadView, error) {
	c := p.getCollector()
	defer p.putCollector(c)
	if err := p.scan(p.respondQuery, payload, r, c); err != nil {
		return nil, nil, err
	}
	res, err := c.finish()
	if p.template == nil {
		return res, nil, err
	}
	pl := &payloadView{}
	if c.captureError() == nil {
		pl.body = p.body.build(c) // built from copies: c is reused
	}
	if err != nil {
		pl.envID = c.topString(topEnvironmentID)
		pl.cohortID = c.topString(topCohortID)
		return nil, pl, err
	}
	return res, pl, nil
}

// payloadView is what a response shows of a payload that is valid JSON: the
// requestBody for the template, and the environment and cohort IDs for a
// best-effort answer when the payload has an error.
type payloadView struct {
	body            any
	envID, cohortID string
}

// ErrorResponse returns the answer for a payload error found outside Parse (for
// example by a server that refused the body), rendered like Respond's.
func (p *Program) ErrorResponse(err *Error, opts ResponseOptions) *Response {
	return p.respond(nil, err, nil, opts)
}

// respond renders the answer; pl is nil when the payload is not valid JSON.
func (p *Program) respond(res *Result, err error, pl *payloadView, opts ResponseOptions) *Response {
	var perr *Error
	if err != nil && !errors.As(err, &perr) {
		perr = &Error{Status: http.StatusInternalServerError, Code: CodeInternal, Message: err.Error(), Err: err}
	}
	if p.template == nil {
		if perr != nil {
			return &Response{Status: perr.Status, Body: DefaultErrorBody(perr)}
		}
		return &Response{Status: http.StatusNoContent}
	}
	ctx := p.responseContext(res, perr, pl, opts)
	status := http.StatusOK
	if perr != nil {
		status = perr.Status
	}
	out, rerr := p.template.Render(ctx)
	if rerr == nil {
		rerr = checkJSON(out)
	}
	switch {
	case rerr == nil:
		return &Response{Status: status, Body: []byte(out)}
	case renderLimit(rerr) && perr != nil:
		// An error answer that passes the template's limits: the error stands,
		// with the default body, which cannot pass them, so that the status,
		// the body and the error returned tell one story.
		return &Response{Status: perr.Status, Body: DefaultErrorBody(perr), RenderErr: rerr}
	case renderLimit(rerr):
		// The payload made the answer pass the template's limits: a payload
		// problem, answered with the default body, which cannot pass them.
		tooLarge := &Error{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge, Field: "jsonResponseBody",
			Message: "the response to this payload would pass the response template's limits", Err: rerr}
		return &Response{Status: tooLarge.Status, Body: DefaultErrorBody(tooLarge), RenderErr: rerr, answered: tooLarge}
	}
	internal := &Error{Status: http.StatusInternalServerError, Code: CodeInvalidResponse, Message: "the response template did not render valid JSON"}
	return &Response{Status: http.StatusInternalServerError, Body: DefaultErrorBody(internal), RenderErr: rerr}
}

// renderLimit reports whether a render failed on a limit that the data decides:
// the output size, the step budget or the nesting of arrays stringified.
func renderLimit(err error) bool {
	return errors.Is(err, handlebars.ErrOutputTooLarge) || errors.Is(err, handlebars.ErrStepBudget) || errors.Is(err, handlebars.ErrTooDeep)
}

// responseContext builds the template's context: the payload, the status, the
// error message, and the project, environment and segment keys with their
// defaults.
func (p *Program) responseContext(res *Result, perr *Error, pl *payloadView, opts ResponseOptions) map[string]any {
	status, msg := http.StatusOK, ""
	if perr != nil {
		status, msg = perr.Status, perr.Message
	}
	// Without a result, take what the payload has, for a best-effort answer.
	var envID, cohortID string
	if res != nil {
		envID = res.EnvironmentID
		if len(res.Segments) > 0 {
			cohortID = res.Segments[0].CohortID
		}
	} else if pl != nil {
		envID, cohortID = pl.envID, pl.cohortID
	}
	var doc any
	if pl != nil {
		doc = pl.body
	}
	project := cmpOr(opts.ProjectKey, "default")
	envKey := cmpOr(opts.EnvironmentKey, envID)
	segmentKey := cohortID
	if p.integrationKey != "" && cohortID != "" {
		segmentKey = p.integrationKey + "-" + cohortID
	}
	segmentURL := opts.SegmentURL
	if segmentURL == "" && segmentKey != "" {
		// Each part is one path segment, escaped: a cohort ID such as
		// "x/../../evil?y=#" must not change the URL's path, query or fragment.
		segmentURL = "https://app.launchdarkly.com/" + url.PathEscape(project) + "/" +
			url.PathEscape(cmpOr(opts.EnvironmentKey, "production")) + "/segments/" + url.PathEscape(segmentKey) + "/targeting"
	}
	return map[string]any{
		"requestBody":    doc,
		"statusCode":     status,
		"errorMessage":   msg,
		"projectKey":     project,
		"environmentKey": envKey,
		"segmentKey":     segmentKey,
		"segmentUrl":     segmentURL,
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// DefaultErrorBody returns the body of an error answer when the manifest has no
// template: {"status":N,"code":"...","message":"...","pointer":"..."}.
func DefaultErrorBody(e *Error) []byte {
	b, _ := json.Marshal(struct {
		Status  int              `json:"status"`
		Code    Code             `json:"code"`
		Message string           `json:"message"`
		Pointer jsonpath.Pointer `json:"pointer"`
	}{e.Status, e.Code, e.Message, e.Pointer})
	return b
}
