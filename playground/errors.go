package playground

import "fmt"

// RequestError is a request the API refuses, answered with its Status and the
// body {"requestError": {"code": ..., "message": ...}}.
type RequestError struct {
	// Status is the HTTP status of the answer.
	Status int `json:"-"`
	// Code is the stable kind of the refusal: one of the Code constants.
	Code string `json:"code"`
	// Message explains it; its wording may change.
	Message string `json:"message"`
}

// The codes of a RequestError.
const (
	CodeForbiddenHost     = "forbidden_host"     // the Host header names a host the handler does not serve
	CodeBadRequest        = "bad_request"        // the body is not the JSON the route takes
	CodeUnsupportedMedia  = "unsupported_media"  // the body is not declared as application/json
	CodeTooLarge          = "too_large"          // the body is longer than Options.MaxRequestBytes
	CodeUnknownCapability = "unknown_capability" // RunRequest.Capability names no capability
	CodeNoExample         = "no_example"         // the capability has no example generator
	CodeBusy              = "busy"               // no run slot became free in time
	CodeTimeout           = "timeout"            // the run took longer than Options.Timeout
	CodeInternal          = "internal"           // the engine failed in a way it should not
)

// Error returns the code and message, prefixed with "playground".
func (e *RequestError) Error() string {
	return fmt.Sprintf("playground: %s: %s", e.Code, e.Message)
}
