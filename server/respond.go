package server

import (
	"io"

	"github.com/segsync/segsync/parser"
)

// respondReader answers a body read from r: it is the parser's reader-based
// respond path.
func respondReader(p *parser.Program, r io.Reader, opts parser.ResponseOptions, apply func(*parser.Result) error) (*parser.Response, *parser.Result, error) {
	// Until the parser streams responses (RespondReader), the body is read here,
	// bounded by the caller's reader (the program's MaxBytes) and by the
	// in-flight budget.
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, &parser.ReadError{Err: err}
	}
	return p.RespondWith(data, opts, apply)
}
