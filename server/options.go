package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/segsync/segsync/parser"
)

// Option configures a Handler.
type Option func(*Handler)

// WithToken requires every request's Authorization header to be token, with or
// without a "Bearer " prefix; other requests get 403, before the integration key
// is looked up, so that a caller without the token cannot tell which keys exist.
func WithToken(token string) Option {
	return func(h *Handler) { h.token = token }
}

// WithLogger logs one line per request: the integration (or the requested key,
// clipped and quoted), the status, for an error answer its code and pointer, for
// an accepted payload the segment and member counts, the bytes read and the
// duration; never the members. The default logger discards everything.
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

// WithObserver calls f once for every answered request, whatever its status
// (403, 404, 405, 413, 415 and 503 included), after the answer is written. Several
// observers are called in the order given.
func WithObserver(f Observer) Option {
	return func(h *Handler) { h.observers = append(h.observers, f) }
}

// WithMaxInFlight bounds the bytes of request bodies being read at once, server
// wide, to bytes (admission control). Before reading a body, a request reserves
// its declared Content-Length; a body without one (chunked) reserves its
// program's MaxBytes. A reservation is capped at bytes, so that any one request
// can run alone. A request that cannot reserve waits, first come first served,
// at most maxWait, and then gets 503 (code "overloaded") with Retry-After and a
// JSON body, without its body having been read. bytes <= 0 turns admission
// control off (the default).
func WithMaxInFlight(bytes int64, maxWait time.Duration) Option {
	return func(h *Handler) {
		h.budget = nil
		if bytes > 0 {
			h.budget = newBudget(bytes, maxWait)
		}
	}
}

// WithStop makes ctx the handler's stop signal, for a server's drain: once ctx is
// done, requests still reading their bodies stop reading and get 503 (code
// "shutting_down") with Connection: close, and requests waiting for the in-flight
// budget get the same. Requests already past their body finish normally.
func WithStop(ctx context.Context) Option {
	return func(h *Handler) { h.stop = ctx }
}
