package playground

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"
)

// Handler serves the playground's page and its API. A Handler is safe for
// concurrent use; it holds no state between requests.
type Handler struct {
	opts  Options
	caps  map[string]capability
	slots chan struct{} // a token per run in progress
	mux   *http.ServeMux
}

// New returns a Handler bounded by opts.
func New(opts Options) *Handler {
	return newHandler(opts, capabilities)
}

func newHandler(opts Options, caps map[string]capability) *Handler {
	h := &Handler{opts: opts.withDefaults(), caps: caps, mux: http.NewServeMux()}
	h.slots = make(chan struct{}, h.opts.MaxConcurrent)
	h.mux.HandleFunc("GET /{$}", h.serveAsset)
	for name := range assets {
		if name != "/" {
			h.mux.HandleFunc("GET "+name, h.serveAsset)
		}
	}
	h.mux.HandleFunc("GET /api/capabilities", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, infos(h.caps))
	})
	h.mux.HandleFunc("POST /api/run", h.serveRun)
	h.mux.HandleFunc("POST /api/example", h.serveExample)
	return h
}

// ServeHTTP serves the page and the API. Other methods than a route's are
// answered 405 with an Allow header, unknown paths 404.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	// Everything comes from this server; CodeMirror adds its styles at run time.
	hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	if !h.hostAllowed(r.Host) {
		writeError(w, &RequestError{Status: http.StatusForbidden, Code: CodeForbiddenHost, Message: fmt.Sprintf("the playground answers requests for localhost or an IP address, not %q (Options.AllowedHosts adds names)", r.Host)})
		return
	}
	h.mux.ServeHTTP(w, r)
}

// hostAllowed reports whether a Host header names localhost, an IP address or
// one of Options.AllowedHosts (ignoring ASCII case and the port).
func (h *Handler) hostAllowed(hostport string) bool {
	host := hostport
	if hh, _, err := net.SplitHostPort(hostport); err == nil {
		host = hh
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || net.ParseIP(host) != nil {
		return true
	}
	for _, a := range h.opts.AllowedHosts {
		if strings.EqualFold(host, a) {
			return true
		}
	}
	return false
}

func (h *Handler) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := assets[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(a.data)
}

func (h *Handler) serveRun(w http.ResponseWriter, r *http.Request) {
	var req RunRequest
	c, name, ok := h.begin(w, r, &req, &req.Capability)
	if !ok {
		return
	}
	out, err := runBounded(h, r.Context(), func() (*RunResponse, error) { return c.run(&req) })
	if err != nil {
		writeError(w, err)
		return
	}
	out.Capability = name
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) serveExample(w http.ResponseWriter, r *http.Request) {
	var req ExampleRequest
	c, name, ok := h.begin(w, r, &req, &req.Capability)
	if !ok {
		return
	}
	if c.example == nil {
		writeError(w, &RequestError{Status: http.StatusBadRequest, Code: CodeNoExample, Message: fmt.Sprintf("the playground makes no example payloads for capability %q", name)})
		return
	}
	out, err := runBounded(h, r.Context(), func() (*ExampleResponse, error) { return c.example(&req) })
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// begin decodes an API request into req and looks up the capability it names
// (*name, once decoded); it answers the request itself and returns false
// when it cannot go on.
func (h *Handler) begin(w http.ResponseWriter, r *http.Request, req any, name *string) (capability, string, bool) {
	if !h.decode(w, r, req) {
		return capability{}, "", false
	}
	c, canonical, err := lookup(h.caps, *name)
	if err != nil {
		writeError(w, err)
		return capability{}, "", false
	}
	return c, canonical, true
}

// decode reads a JSON request body into v, answering the request itself when it
// cannot: 415 for a body not declared as JSON, 413 past MaxRequestBytes, 400 for
// a body that is not one JSON object of v's fields.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, &RequestError{Status: http.StatusUnsupportedMediaType, Code: CodeUnsupportedMedia, Message: "the body must be JSON, sent with Content-Type: application/json"})
		return false
	}
	if r.ContentLength > h.opts.MaxRequestBytes {
		writeError(w, tooLarge(h.opts.MaxRequestBytes))
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxRequestBytes))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeError(w, tooLarge(h.opts.MaxRequestBytes))
		return false
	case err != nil:
		writeError(w, &RequestError{Status: http.StatusBadRequest, Code: CodeBadRequest, Message: "reading the body: " + err.Error()})
		return false
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, &RequestError{Status: http.StatusBadRequest, Code: CodeBadRequest, Message: "the body is not the JSON object this route takes: " + err.Error()})
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		writeError(w, &RequestError{Status: http.StatusBadRequest, Code: CodeBadRequest, Message: "the body holds more than one JSON value"})
		return false
	}
	return true
}

func tooLarge(n int64) *RequestError {
	return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge, Message: fmt.Sprintf("the body is larger than %d bytes", n)}
}

// runBounded runs f once a run slot is free, and waits for it at most until
// Options.Timeout after the request came (or the request is gone). A run
// that outlasts the wait is answered 503 but keeps its slot until it ends, so
// that at most MaxConcurrent runs ever go on.
func runBounded[T any](h *Handler, ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return zero, &RequestError{Status: http.StatusServiceUnavailable, Code: CodeBusy, Message: fmt.Sprintf("no run slot became free within %v: %d runs are going on", h.opts.Timeout, h.opts.MaxConcurrent)}
	}
	type outcome struct {
		v   T
		err error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		defer func() { <-h.slots }()
		v, err := f()
		done <- outcome{v, err}
	}()
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return zero, &RequestError{Status: http.StatusServiceUnavailable, Code: CodeTimeout, Message: fmt.Sprintf("the run took longer than %v (stopped waiting after %v)", h.opts.Timeout, time.Since(start).Round(time.Millisecond))}
	}
}

func writeError(w http.ResponseWriter, err error) {
	var re *RequestError
	if !errors.As(err, &re) {
		re = &RequestError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: err.Error()}
	}
	writeJSON(w, re.Status, struct {
		RequestError *RequestError `json:"requestError"`
	}{re})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"requestError":{"code":"internal","message":"encoding the answer failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
