package conformance

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
)

// PreflightError is the one reason why a server cannot run the suite at all:
// it cannot be reached, or it refuses or does not know every integration key.
// A run that gets it should stop instead of reporting every case.
type PreflightError struct {
	// Target is the server's base URL.
	Target string
	// Reason says what went wrong and what to check.
	Reason string
	// Err is the transport error, when the server could not be reached.
	Err error
}

// Error returns the reason.
func (e *PreflightError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("conformance: %s: %s: %v", e.Target, e.Reason, e.Err)
	}
	return fmt.Sprintf("conformance: %s: %s", e.Target, e.Reason)
}

// Unwrap returns the transport error, if any.
func (e *PreflightError) Unwrap() error { return e.Err }

// Preflight checks, before a run, that the server answers and accepts the
// cases' integration keys: it posts an empty object to each key that a case
// posts to, in order, and stops at the first answer other than 401, 403, 404 or
// 405. It returns a *PreflightError when the server cannot be reached or
// answers one of those statuses for every key, nil otherwise (the answer to the
// empty object itself is not judged).
func (h *HTTP) Preflight(ctx context.Context, cases []*Case) error {
	var keys []string
	for _, c := range cases {
		if _, ok := c.PayloadBytes(); ok && c.IntegrationKey != "" && !c.WantsCompileErrors() && !slices.Contains(keys, c.IntegrationKey) {
			keys = append(keys, c.IntegrationKey)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	counts := make(map[int]int)
	for _, key := range keys {
		req, err := h.request(ctx, key, []byte(`{}`))
		if err != nil {
			return &PreflightError{Target: h.BaseURL, Reason: "cannot build a request", Err: err}
		}
		resp, err := h.client().Do(req)
		if err != nil {
			return &PreflightError{Target: h.BaseURL, Reason: fmt.Sprintf("no answer to a request to %s", req.URL), Err: err}
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBytes))
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed:
			counts[resp.StatusCode]++
		default:
			return nil
		}
	}
	n := plural(len(keys), "integration key", "integration keys")
	switch {
	case counts[http.StatusUnauthorized]+counts[http.StatusForbidden] == len(keys):
		return &PreflightError{Target: h.BaseURL, Reason: fmt.Sprintf("it refuses every one of the %s (401/403): check the access token (--token)", n)}
	case counts[http.StatusNotFound] == len(keys):
		return &PreflightError{Target: h.BaseURL, Reason: fmt.Sprintf("it answers 404 for every one of the %s: has it loaded the manifests that --export-manifests writes, and does it serve %s?", n, h.endpoint())}
	}
	return &PreflightError{Target: h.BaseURL, Reason: fmt.Sprintf("it answers 401, 403, 404 or 405 for every one of the %s: check the endpoint path (%s), the token and the manifests it serves", n, h.endpoint())}
}

func (h *HTTP) endpoint() string {
	if h.EndpointPath == "" {
		return DefaultEndpointPath
	}
	return h.EndpointPath
}

// plural returns "1 case" or "2 cases": n with the right form of the noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
