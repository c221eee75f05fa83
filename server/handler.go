package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/segsync/segsync/parser"
)

// Handler is the http.Handler of the synced-segment endpoint. A Handler is safe
// for concurrent use by multiple goroutines.
type Handler struct {
	integrations Integrations
	token        string
	logger       *slog.Logger
	keys         func(r *http.Request, in *Integration) parser.ResponseOptions
	onResult     func(ctx context.Context, in *Integration, res *parser.Result) error
	observers    []Observer
	budget       *budget         // nil: no admission control
	stop         context.Context // nil: never stops
}

// The endpoint's two path prefixes: LaunchDarkly's, and the validation server's.
var prefixes = [...]string{"/api/v2/segment-targets/", "/api/v2/segment-target/"}

// New returns the endpoint's handler for the integrations that in finds: a
// [*Registry], or an [*AtomicRegistry] to reload them while serving.
//
// The handler routes by itself: POST /api/v2/segment-targets/{integrationKey}
// and /api/v2/segment-target/{integrationKey}, with the key one path segment;
// every other request target, "*" and paths with dot segments included, gets a
// JSON 404 (no redirect).
func New(in Integrations, opts ...Option) *Handler {
	h := &Handler{integrations: in, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(h)
	}
	return h
}

// InFlightBytes returns the bytes reserved by the requests being served under
// [WithMaxInFlight]; 0 without admission control.
func (h *Handler) InFlightBytes() int64 {
	if h.budget == nil {
		return 0
	}
	return h.budget.used.Load()
}

// routeKey returns the integration key of an endpoint path.
func routeKey(path string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(path, p); ok {
			if rest == "" || strings.Contains(rest, "/") {
				return "", false
			}
			return rest, true
		}
	}
	return "", false
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := &exchange{h: h, w: w, r: r, start: time.Now()}
	if h.stop != nil {
		// Stop a read blocked on a slow client when the server stops; never
		// once ServeHTTP has returned (w is not ours then).
		var mu sync.Mutex
		returned := false
		unwatch := context.AfterFunc(h.stop, func() {
			mu.Lock()
			defer mu.Unlock()
			if !returned {
				_ = http.NewResponseController(w).SetReadDeadline(time.Now())
			}
		})
		defer func() {
			if !unwatch() {
				mu.Lock()
				returned = true
				mu.Unlock()
			}
		}()
	}
	defer x.finish()
	key, ok := routeKey(r.URL.Path)
	if !ok {
		x.fail(http.StatusNotFound, CodeNotFound, "no endpoint at "+quoteText(r.URL.Path)+": POST /api/v2/segment-targets/{integrationKey}")
		return
	}
	x.ev.Key = clipText(key)
	h.serveSync(x, key)
}

func (h *Handler) serveSync(x *exchange, key string) {
	w, r := x.w, x.r
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		x.fail(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "the endpoint takes POST only")
		return
	}
	if h.token != "" && !h.authorized(r.Header.Get("Authorization")) {
		x.fail(http.StatusForbidden, CodeForbidden, "missing or wrong access token")
		return
	}
	in, ok := h.integrations.Lookup(key)
	if !ok {
		x.fail(http.StatusNotFound, CodeNotFound, "no integration "+quoteText(key))
		return
	}
	x.ev.Integration = in.Key
	if msg := checkContentType(r.Header.Get("Content-Type")); msg != "" {
		x.fail(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, msg)
		return
	}
	if msg := checkContentEncoding(r.Header.Values("Content-Encoding")); msg != "" {
		x.fail(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, msg)
		return
	}
	opts := parser.ResponseOptions{}
	if h.keys != nil {
		opts = h.keys(r, in)
	}
	prog := in.Program
	limit := prog.Limits().MaxBytes
	if r.ContentLength > limit {
		// Refused before reading, and so before any 100 Continue.
		x.write(prog.ErrorResponse(tooLarge(limit, nil), opts), nil, tooLarge(limit, nil))
		return
	}
	if h.budget != nil {
		need := r.ContentLength
		if need < 0 {
			need = limit
		}
		release, ok := x.admit(need)
		if !ok {
			return
		}
		defer release()
	}
	body := &bodyReader{r: http.MaxBytesReader(w, r.Body, limit+1), stop: h.stop}
	x.body = body
	var apply func(*parser.Result) error
	if h.onResult != nil {
		apply = func(res *parser.Result) error {
			err := h.onResult(r.Context(), in, res)
			if err != nil {
				h.logger.ErrorContext(r.Context(), "result handler failed", "integration", in.Key, "err", err)
			}
			return err
		}
	}
	resp, res, err := prog.RespondReader(body, opts, apply)
	if resp == nil {
		x.readFailed(prog, opts, err)
		return
	}
	x.write(resp, res, err)
}

func tooLarge(limit int64, cause error) *parser.Error {
	return &parser.Error{Status: http.StatusRequestEntityTooLarge, Code: parser.CodeTooLarge, Message: fmt.Sprintf("the payload is larger than %d bytes", limit), Err: cause}
}

func (h *Handler) authorized(header string) bool {
	got := strings.TrimSpace(header)
	if len(got) > 7 && equalFoldASCII(got[:7], "bearer ") {
		got = strings.TrimSpace(got[7:])
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(h.token)) == 1
}

// checkContentType accepts application/json and any application/*+json media
// type, with no charset or charset=utf-8; it returns why it refuses any other.
func checkContentType(contentType string) string {
	const want = "the body must be JSON (Content-Type: application/json)"
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "application/json" && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return want
	}
	if cs, ok := params["charset"]; ok && !equalFoldASCII(cs, "utf-8") && !equalFoldASCII(cs, "utf8") {
		return "the body must be JSON in UTF-8: charset " + quoteText(cs) + " is not supported"
	}
	return ""
}

// checkContentEncoding accepts no Content-Encoding or identity; it returns why it
// refuses any other (the handler does not decompress).
func checkContentEncoding(values []string) string {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			if p := strings.TrimSpace(part); p != "" && !equalFoldASCII(p, "identity") {
				return "Content-Encoding " + quoteText(p) + " is not supported: send the body uncompressed"
			}
		}
	}
	return ""
}

// exchange is one request being answered, and what its event will say.
type exchange struct {
	h       *Handler
	w       http.ResponseWriter
	r       *http.Request
	start   time.Time
	body    *bodyReader // nil until the body is read
	drained int64
	cleanup []func()
	ev      Event
}

// admit waits for the in-flight budget; when it is not granted it answers 503
// and returns false.
func (x *exchange) admit(need int64) (func(), bool) {
	if release, ok := x.h.budget.tryAcquire(need); ok {
		return release, true
	}
	t0 := time.Now()
	release, err := x.h.budget.acquire(x.waitContext(), need)
	x.ev.Waited = time.Since(t0)
	switch {
	case err == nil:
		return release, true
	case x.h.stopped():
		x.shuttingDown()
	case x.r.Context().Err() != nil:
		x.ev.Err = x.r.Context().Err()
		x.fail(http.StatusServiceUnavailable, CodeOverloaded, "the client went away while waiting for the in-flight budget")
	default:
		x.w.Header().Set("Retry-After", strconv.Itoa(x.h.budget.retryAfter()))
		x.fail(http.StatusServiceUnavailable, CodeOverloaded, fmt.Sprintf("the server is busy: %d bytes in flight already; retry later", x.h.budget.used.Load()))
	}
	return nil, false
}

// waitContext is the request's context, done also when the handler stops.
func (x *exchange) waitContext() context.Context {
	stop := x.h.stop
	if stop == nil {
		return x.r.Context()
	}
	ctx, cancel := context.WithCancel(x.r.Context())
	unwatch := context.AfterFunc(stop, cancel)
	x.cleanup = append(x.cleanup, func() { unwatch(); cancel() })
	return ctx
}

func (h *Handler) stopped() bool { return h.stop != nil && h.stop.Err() != nil }

func (x *exchange) shuttingDown() {
	x.w.Header().Set("Retry-After", "1")
	x.w.Header().Set("Connection", "close")
	x.fail(http.StatusServiceUnavailable, CodeShuttingDown, "the server is shutting down: retry")
}

// readFailed answers a body that could not be read whole.
func (x *exchange) readFailed(prog *parser.Program, opts parser.ResponseOptions, err error) {
	x.ev.Err = err
	var mbe *http.MaxBytesError
	switch {
	case x.h.stopped() || errors.Is(err, errStopped):
		x.shuttingDown()
	case errors.As(err, &mbe):
		perr := tooLarge(prog.Limits().MaxBytes, err)
		x.write(prog.ErrorResponse(perr, opts), nil, perr)
	case isTimeout(err):
		x.w.Header().Set("Connection", "close")
		x.fail(http.StatusRequestTimeout, CodeTimeout, "the body did not arrive in time")
	default:
		x.w.Header().Set("Connection", "close")
		msg := "reading the body failed"
		var re *parser.ReadError
		if errors.As(err, &re) {
			msg += ": " + clip(re.Err.Error(), 200)
		}
		x.fail(http.StatusBadRequest, CodeBadRequest, msg)
	}
}

// write sends a program's answer. err is the payload or apply error, if any.
func (x *exchange) write(resp *parser.Response, res *parser.Result, err error) {
	x.ev.Status = resp.Status
	var perr *parser.Error
	if errors.As(err, &perr) {
		x.ev.Code, x.ev.Pointer = perr.Code, perr.Pointer
		if perr.Err != nil && perr.Code != parser.CodeTooLarge {
			x.ev.Err = perr.Err
		}
	}
	if resp.RenderErr != nil {
		x.ev.Code, x.ev.Err = parser.CodeInvalidResponse, resp.RenderErr
	}
	if res != nil && resp.Status < 300 {
		x.ev.Segments = len(res.Segments)
		for _, s := range res.Segments {
			x.ev.Adds += s.Add.Len()
			x.ev.Removes += s.Remove.Len()
		}
	}
	x.send(resp.Status, resp.Body)
}

// fail answers a request that no program answered, with the default error body.
func (x *exchange) fail(status int, code parser.Code, msg string) {
	x.ev.Status, x.ev.Code = status, code
	x.send(status, parser.DefaultErrorBody(&parser.Error{Status: status, Code: code, Message: msg}))
}

// send writes the answer. When the body was not read, it is drained after the
// answer is flushed (up to maxDrainBytes, within drainTimeout), so that the
// client, still sending, is not reset.
func (x *exchange) send(status int, body []byte) {
	drain := x.body == nil && x.r.ContentLength != 0 && x.r.Body != nil && x.r.Body != http.NoBody
	rc := http.NewResponseController(x.w)
	if drain {
		switch {
		case expectsContinue(x.r):
			// The client waits for this answer before it sends the body: it
			// must not get a 100 Continue, and the connection ends here.
			drain = false
			x.w.Header().Set("Connection", "close")
		case rc.EnableFullDuplex() != nil:
			drain = false
		case x.r.ContentLength < 0 || x.r.ContentLength > maxDrainBytes:
			// The connection ends after the drain.
			x.w.Header().Set("Connection", "close")
		}
	}
	if body != nil {
		x.w.Header().Set("Content-Type", "application/json")
		// Complete once flushed, even if the connection ends after the drain.
		x.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	x.w.WriteHeader(status)
	_, _ = x.w.Write(body)
	if drain {
		x.drain(rc)
	}
}

// drain discards the unread body, at most maxDrainBytes, and ends the connection
// when the body is longer or too slow.
func (x *exchange) drain(rc *http.ResponseController) {
	if rc.Flush() != nil || x.h.stopped() {
		return
	}
	_ = rc.SetReadDeadline(time.Now().Add(drainTimeout))
	n, err := io.CopyN(io.Discard, x.r.Body, maxDrainBytes+1)
	x.drained = n
	if err != io.EOF {
		// The body is longer than the drain's bound, or did not arrive in
		// time: end the connection here. (Leaving a full-duplex body unread
		// would let the server read the rest after the handler, racing the
		// next request's read.)
		if conn, _, err := rc.Hijack(); err == nil {
			conn.Close()
		}
	}
}

// finish logs the request and tells the observers.
func (x *exchange) finish() {
	for _, f := range x.cleanup {
		f()
	}
	x.ev.Duration = time.Since(x.start)
	x.ev.BytesRead = x.drained
	if x.body != nil {
		x.ev.BytesRead += x.body.n
	}
	ctx := x.r.Context()
	x.h.log(ctx, &x.ev)
	for _, o := range x.h.observers {
		o(ctx, x.ev)
	}
}

func (h *Handler) log(ctx context.Context, ev *Event) {
	attrs := make([]slog.Attr, 0, 12)
	if ev.Integration != "" {
		attrs = append(attrs, slog.String("integration", ev.Integration))
	} else {
		attrs = append(attrs, slog.String("key", ev.Key))
	}
	attrs = append(attrs, slog.Int("status", ev.Status))
	if ev.Status < 300 && ev.Segments > 0 {
		attrs = append(attrs, slog.Int("segments", ev.Segments), slog.Int("adds", ev.Adds), slog.Int("removes", ev.Removes))
	}
	if ev.Code != "" {
		attrs = append(attrs, slog.String("code", string(ev.Code)))
	}
	if ev.Pointer != "" {
		attrs = append(attrs, slog.String("pointer", clip(string(ev.Pointer), 256)))
	}
	attrs = append(attrs, slog.Int64("bytes", ev.BytesRead))
	if ev.Waited > 0 {
		attrs = append(attrs, slog.Duration("waited", ev.Waited))
	}
	attrs = append(attrs, slog.Duration("duration", ev.Duration))
	if ev.Err != nil {
		attrs = append(attrs, slog.String("err", clip(ev.Err.Error(), 512)))
	}
	level := slog.LevelInfo
	if ev.Status >= 500 {
		level = slog.LevelWarn
	}
	h.logger.LogAttrs(ctx, level, "segment sync", attrs...)
}
