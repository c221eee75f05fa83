package server

import (
	"context"
	"time"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// Event describes one answered request, for an observer (see [WithObserver]):
// metrics, audit, tracing. It never holds members or payload text.
type Event struct {
	// Integration is the canonical key of the integration the request named, or
	// "" when it named none that is served, or was refused before the lookup
	// (405, 403). It takes only the values of the served keys.
	Integration string
	// Key is the key as the request spelled it, clipped to 64 bytes; "" when the
	// path is not an endpoint's. It may hold anything a client sends.
	Key string
	// Status is the HTTP status answered.
	Status int
	// Code is the error answer's code, "" on success.
	Code parser.Code
	// Pointer is the payload error's JSON pointer, "" when there is none.
	Pointer jsonpath.Pointer
	// Segments, Adds and Removes count the accepted result's segments and members.
	Segments, Adds, Removes int
	// BytesRead is how many bytes of the body the handler read, a drained rest
	// included.
	BytesRead int64
	// Waited is how long the request waited for the in-flight budget; 0 when it
	// was admitted at once.
	Waited time.Duration
	// Duration is the time from the handler's start to the answer's end.
	Duration time.Duration
	// Err is the cause of an answer the payload alone does not explain: a read
	// failure, a result handler's error, a template that did not render.
	Err error
}

// Observer is called once per answered request, after the answer is written, in
// the request's goroutine: it must be quick and safe for concurrent use.
type Observer func(ctx context.Context, e Event)
