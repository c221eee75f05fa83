package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/segsync/segsync/parser"
)

// Handler is the http.Handler of the synced-segment endpoint. A Handler is safe
// for concurrent use by multiple goroutines.
type Handler struct {
	reg      *Registry
	token    string
	logger   *slog.Logger
	keys     func(r *http.Request, in *Integration) parser.ResponseOptions
	onResult func(ctx context.Context, in *Integration, res *parser.Result) error
	mux      *http.ServeMux
}

// Option configures a Handler.
type Option func(*Handler)

// WithToken requires every request's Authorization header to be token, with or
// without a "Bearer " prefix; other requests get 403, before the integration key
// is looked up, so that a caller without the token cannot tell which keys exist.
func WithToken(token string) Option {
	return func(h *Handler) { h.token = token }
}

// WithLogger logs one line per request (integration key, status, and for an
// accepted payload the segment and member counts; never the members). The default
// logger discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(h *Handler) { h.logger = l }
}

// WithResponseOptions supplies the project key, environment key and segment URL
// of each response; fields left empty take their defaults.
func WithResponseOptions(f func(r *http.Request, in *Integration) parser.ResponseOptions) Option {
	return func(h *Handler) { h.keys = f }
}

// WithResultFunc hands each accepted result to f before the success response is
// sent, and only those: not a rejected payload, nor one whose success answer
// failed to render (see [parser.Program.RespondWith]). An error from f is logged,
// never sent: the answer becomes an error answer rendered with the manifest's
// template, with the status and message of a *parser.Error from f (503 asks the
// partner to retry), or else 500 and a generic message.
func WithResultFunc(f func(ctx context.Context, in *Integration, res *parser.Result) error) Option {
	return func(h *Handler) { h.onResult = f }
}

// New returns the endpoint's handler for the integrations of reg.
func New(reg *Registry, opts ...Option) *Handler {
	h := &Handler{reg: reg, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(h)
	}
	h.mux = http.NewServeMux()
	h.mux.HandleFunc("/api/v2/segment-targets/{integrationKey}", h.serveSync)
	h.mux.HandleFunc("/api/v2/segment-target/{integrationKey}", h.serveSync)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, "", http.StatusNotFound, "not_found", "no endpoint at "+quoteKey(r.URL.Path)+": POST /api/v2/segment-targets/{integrationKey}")
	})
	return h
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

func (h *Handler) serveSync(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("integrationKey")
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, r, key, http.StatusMethodNotAllowed, "method_not_allowed", "the endpoint takes POST only")
		return
	}
	if h.token != "" && !h.authorized(r.Header.Get("Authorization")) {
		h.fail(w, r, key, http.StatusForbidden, "forbidden", "missing or wrong access token")
		return
	}
	in, ok := h.reg.Lookup(key)
	if !ok {
		h.fail(w, r, key, http.StatusNotFound, "not_found", "no integration "+quoteKey(key))
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		h.fail(w, r, in.Key, http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be JSON (Content-Type: application/json)")
		return
	}
	opts := parser.ResponseOptions{}
	if h.keys != nil {
		opts = h.keys(r, in)
	}
	limit := in.Program.Limits().MaxBytes
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if !errors.As(err, &mbe) {
			h.fail(w, r, in.Key, http.StatusBadRequest, "bad_request", "reading the body failed: "+err.Error())
			return
		}
		perr := &parser.Error{Status: http.StatusRequestEntityTooLarge, Code: parser.CodeTooLarge, Message: fmt.Sprintf("the payload is larger than %d bytes", limit), Err: err}
		h.write(w, r, in, in.Program.ErrorResponse(perr, opts), nil)
		return
	}
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
	resp, res, _ := in.Program.RespondWith(body, opts, apply)
	h.write(w, r, in, resp, res)
}

func (h *Handler) authorized(header string) bool {
	got := strings.TrimSpace(header)
	if len(got) > 7 && strings.EqualFold(got[:7], "bearer ") {
		got = strings.TrimSpace(got[7:])
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(h.token)) == 1
}

// isJSON accepts application/json and any application/*+json media type.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, in *Integration, resp *parser.Response, res *parser.Result) {
	if resp.Body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
	attrs := []any{"integration", in.Key, "status", resp.Status}
	if res != nil && resp.Status < 300 {
		adds, removes := 0, 0
		for _, s := range res.Segments {
			adds += len(s.Add)
			removes += len(s.Remove)
		}
		attrs = append(attrs, "segments", len(res.Segments), "adds", adds, "removes", removes)
	}
	if resp.RenderErr != nil {
		attrs = append(attrs, "renderError", resp.RenderErr.Error())
	}
	h.logger.InfoContext(r.Context(), "segment sync", attrs...)
}

// fail answers a request that never reached a program.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, key string, status int, code, msg string) {
	body := parser.DefaultErrorBody(&parser.Error{Status: status, Code: parser.Code(code), Message: msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
	h.logger.InfoContext(r.Context(), "segment sync", "integration", key, "status", status)
}

func quoteKey(k string) string {
	b, _ := json.Marshal(k)
	return string(b)
}
