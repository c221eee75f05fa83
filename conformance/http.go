package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// DefaultEndpointPath is the path, before the integration key, to which HTTP
// posts payloads: the production spelling of SPEC §8. The framework's
// validation server spells it "/api/v2/segment-target/".
const DefaultEndpointPath = "/api/v2/segment-targets/"

// maxResponseBytes bounds the response body HTTP reads.
const maxResponseBytes = 1 << 20

// HTTP is the Target that posts each case's payload to a server speaking
// SPEC §8: POST {BaseURL}{EndpointPath}{integrationKey} with Content-Type
// application/json. The server must have loaded the cases' manifests (see
// ExportManifests). HTTP observes the response only; it skips cases that must
// not compile, cases without an integration key or payload, and cases that set
// limits or response options, which a server configures itself.
type HTTP struct {
	// BaseURL is the server's base URL, such as "http://127.0.0.1:3000".
	BaseURL string
	// EndpointPath is the path before the integration key; DefaultEndpointPath
	// when empty.
	EndpointPath string
	// Token, when set, is sent as the raw Authorization header.
	Token string
	// Client sends the requests; http.DefaultClient when nil.
	Client *http.Client
}

// Name returns the base URL.
func (h *HTTP) Name() string { return h.BaseURL }

// TransportError is a request to a target that got no HTTP answer: the
// connection failed or was reset, or no answer came before the case's deadline
// (Timeout). Targets return it from Observe so that the runner can tell a
// target that stopped answering from a wrong answer.
type TransportError struct {
	// Timeout is set when no answer came in time.
	Timeout bool
	// Err is the underlying error.
	Err error
}

// Error describes the failure.
func (e *TransportError) Error() string {
	if e.Timeout {
		return "no answer in time: " + e.Err.Error()
	}
	return "no answer: " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *TransportError) Unwrap() error { return e.Err }

func transportError(err error) *TransportError {
	var ne net.Error
	timeout := errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
	return &TransportError{Timeout: timeout, Err: err}
}

func (h *HTTP) client() *http.Client {
	if h.Client == nil {
		return http.DefaultClient
	}
	return h.Client
}

// Ping reports whether the server answers at all: a GET of the base URL that
// gets any HTTP status before ctx ends. The runner uses it to wait for a server
// that stopped answering.
func (h *HTTP) Ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(h.BaseURL, "/")+"/", nil)
	if err != nil {
		return err
	}
	resp, err := h.client().Do(req)
	if err != nil {
		return transportError(err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBytes))
	return resp.Body.Close()
}

// Observe posts the case's payload and records the response.
func (h *HTTP) Observe(ctx context.Context, c *Case) (*Observation, error) {
	payload, hasPayload := c.PayloadBytes()
	switch {
	case !c.IsSyncedSegment():
		return &Observation{Skip: "the endpoint serves the syncedSegment parser only: capability " + c.Capability + " is not runnable over HTTP"}, nil
	case c.WantsCompileErrors():
		return &Observation{Skip: "a spec that must not compile cannot be loaded by a server: run it against an in-process target"}, nil
	case !hasPayload:
		return &Observation{Skip: "the case has no payload to post"}, nil
	case c.IntegrationKey == "":
		return &Observation{Skip: "the case has no integration key to post to"}, nil
	case c.Limits != nil:
		return &Observation{Skip: "the case sets payload limits, which a server configures itself"}, nil
	case c.ResponseOptions != nil:
		return &Observation{Skip: "the case sets response options, which a server supplies itself"}, nil
	}
	req, err := h.request(ctx, c.IntegrationKey, payload)
	if err != nil {
		return nil, err
	}
	resp, err := h.client().Do(req)
	if err != nil {
		return nil, transportError(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, transportError(fmt.Errorf("reading the response: %w", err))
	}
	if len(body) > maxResponseBytes {
		return nil, fmt.Errorf("the response body is larger than %d bytes", maxResponseBytes)
	}
	return &Observation{Response: &ObservedResponse{Status: resp.StatusCode, Body: body}}, nil
}

// request builds the POST of payload to the endpoint of key.
func (h *HTTP) request(ctx context.Context, key string, payload []byte) (*http.Request, error) {
	ep := h.endpoint()
	u := strings.TrimSuffix(h.BaseURL, "/") + "/"
	if ep = strings.Trim(ep, "/"); ep != "" {
		u += ep + "/"
	}
	u += url.PathEscape(key)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if h.Token != "" {
		req.Header.Set("Authorization", h.Token)
	}
	return req, nil
}
