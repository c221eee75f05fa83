package conformance

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// DefaultEndpointPath is the path, before the integration key, to which HTTP
// posts payloads: the production spelling of SEMANTICS §8. The framework's
// validation server spells it "/api/v2/segment-target/".
const DefaultEndpointPath = "/api/v2/segment-targets/"

// maxResponseBytes bounds the response body HTTP reads.
const maxResponseBytes = 1 << 20

// HTTP is the Target that posts each case's payload to a server speaking
// SEMANTICS §8: POST {BaseURL}{EndpointPath}{integrationKey} with Content-Type
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

// Observe posts the case's payload and records the response.
func (h *HTTP) Observe(ctx context.Context, c *Case) (*Observation, error) {
	payload, hasPayload := c.PayloadBytes()
	switch {
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
	ep := h.EndpointPath
	if ep == "" {
		ep = DefaultEndpointPath
	}
	u := strings.TrimSuffix(h.BaseURL, "/") + "/"
	if ep = strings.Trim(ep, "/"); ep != "" {
		u += ep + "/"
	}
	u += url.PathEscape(c.IntegrationKey)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if h.Token != "" {
		req.Header.Set("Authorization", h.Token)
	}
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the response: %w", err)
	}
	if len(body) > maxResponseBytes {
		return nil, fmt.Errorf("the response body is larger than %d bytes", maxResponseBytes)
	}
	return &Observation{Response: &ObservedResponse{Status: resp.StatusCode, Body: body}}, nil
}
