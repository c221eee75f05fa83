package parser

import (
	"fmt"
	"net/http"

	"github.com/segsync/segsync/jsonpath"
)

// Code is the stable, machine-readable kind of a payload error.
type Code string

// The payload error codes, each with its HTTP status.
const (
	CodeInvalidJSON  Code = "invalid_json"  // 400: not JSON, not UTF-8, trailing data
	CodeMissing      Code = "missing"       // 400: a required value is absent or null
	CodeWrongType    Code = "wrong_type"    // 400: a value of the wrong JSON type
	CodeInvalidValue Code = "invalid_value" // 400: an empty ID or an otherwise unusable value
	CodeTooLarge     Code = "too_large"     // 413: a configured limit was passed
)

// The codes of error answers that are not about the payload: the service failed.
const (
	CodeInternal        Code = "internal"         // 500: acting on an accepted payload failed
	CodeInvalidResponse Code = "invalid_response" // 500: the response template did not render JSON
)

// Status returns the HTTP status that answers the code.
func (c Code) Status() int {
	switch c {
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeInternal, CodeInvalidResponse:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// Error is a payload error. A payload with any error is rejected whole; the error
// names the first offending place. Use errors.As to reach it.
type Error struct {
	// Status is the HTTP status that answers the error.
	Status int `json:"status"`
	// Code is the stable kind of the error.
	Code Code `json:"code"`
	// Pointer is the JSON pointer of the offending place in the payload, for
	// example "/batch/3/userId"; "" for the payload as a whole.
	Pointer jsonpath.Pointer `json:"pointer"`
	// Field names the manifest field that asked for the value, for example
	// "memberArrayParser.memberIdPath"; "" when no field did.
	Field string `json:"field"`
	// Offset is the byte offset in the payload of an error placed in its bytes
	// rather than by Pointer: where invalid JSON was found (invalid_json), where
	// nesting passed the depth limit, or the first byte past the byte limit
	// (too_large with an empty Pointer). It is 0 for other errors, and left out of
	// JSON when 0.
	Offset int64 `json:"offset,omitempty"`
	// Message explains the error; its wording may change.
	Message string `json:"message"`
	// Err is the underlying cause, if any.
	Err error `json:"-"`
}

// Error formats the error as "code at pointer (field): message".
func (e *Error) Error() string {
	where := e.Pointer.String()
	if where == "" {
		where = "payload"
	}
	if e.Field != "" {
		return fmt.Sprintf("%s at %s (%s): %s", e.Code, where, e.Field, e.Message)
	}
	return fmt.Sprintf("%s at %s: %s", e.Code, where, e.Message)
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func newError(code Code, pointer jsonpath.Pointer, field, format string, args ...any) *Error {
	return &Error{Status: code.Status(), Code: code, Pointer: pointer, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ReadError reports that [Program.ParseReader] could not read its payload: the
// reader failed before its end. It is not a payload error, and the payload may
// have been valid.
type ReadError struct {
	Err error // the reader's error
}

// Error formats the error as "reading the payload: <cause>".
func (e *ReadError) Error() string { return "reading the payload: " + e.Err.Error() }

// Unwrap returns the reader's error.
func (e *ReadError) Unwrap() error { return e.Err }
