package parser

import (
	"errors"
	"fmt"
	"io"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/internal/payloadread"
	"github.com/segsync/segsync/jsonvalue"
)

// Parse runs the program over one payload. It returns the normalized result, or an
// *Error naming the first offending place; a payload with any error is rejected
// whole.
//
// Parse reads the payload in a single pass with the program's compiled scan query:
// it validates every byte (RFC 8259, UTF-8, the depth limit) and keeps only the
// values the program's pointers name, so that memory follows the size of the
// result, not of the payload.
func (p *Program) Parse(payload []byte) (*Result, error) {
	c := p.getCollector()
	defer p.putCollector(c)
	if err := p.scan(p.query, payload, nil, c); err != nil {
		return nil, err
	}
	return c.finish()
}

// ParseReader is Parse over a stream. It reads r to its end, or until the payload
// passes the byte limit, through a fixed-size buffer: the payload is never held
// whole, and a value longer than the limits is validated without being held.
//
// An error reading r (other than io.EOF) is not a payload error: ParseReader
// returns it wrapped in a *ReadError, never as a *Error, since the payload was not
// seen whole. A reader that keeps returning no bytes and no error fails with
// io.ErrNoProgress. A payload that passes the byte limit is too_large even so.
func (p *Program) ParseReader(r io.Reader) (*Result, error) {
	c := p.getCollector()
	defer p.putCollector(c)
	if err := p.scan(p.query, nil, r, c); err != nil {
		return nil, err
	}
	return c.finish()
}

// scan runs query q over the payload, given whole or as a reader, into c. It
// returns the error that beats every other: the byte limit, a read error (a
// *ReadError), a scan error (invalid JSON, too deep) as a *Error, then a top level
// that is neither an object nor an array.
func (p *Program) scan(q *jsonscan.Query, payload []byte, r io.Reader, c *collector) error {
	if r == nil {
		if int64(len(payload)) > p.limits.MaxBytes {
			return p.tooManyBytes()
		}
		if err := q.ScanWith(&c.scanner, payload, c); err != nil {
			return scanError(err)
		}
		first, _ := payloadread.FirstByte(payload) // valid JSON is never blank
		return rootError(rootKind(first))
	}
	lr := payloadread.New(r, p.limits.MaxBytes)
	err := q.ScanReaderWith(&c.scanner, lr, c)
	lr.Settle(err)
	switch {
	case lr.Over():
		return p.tooManyBytes()
	case lr.Err() != nil:
		return &ReadError{Err: lr.Err()}
	case err != nil:
		return scanError(err)
	}
	first, _ := lr.First()
	return rootError(rootKind(first))
}

// rootKind is the kind of a valid JSON text whose first byte is b.
func rootKind(b byte) kind {
	switch b {
	case '{':
		return kindObject
	case '[':
		return kindArray
	case '"':
		return kindString
	case 'n':
		return kindNull
	case 't':
		return kindTrue
	case 'f':
		return kindFalse
	}
	return kindNumber
}

func (p *Program) tooManyBytes() *Error {
	e := newError(CodeTooLarge, "", "", "the payload is larger than %d bytes", p.limits.MaxBytes)
	e.Offset = p.limits.MaxBytes
	return e
}

// scanError turns a scan (or decode) error into a payload error.
func scanError(err error) *Error {
	var de *jsonvalue.DepthError
	if errors.As(err, &de) {
		return tooDeepError(err, de.MaxDepth, de.Offset)
	}
	var se *jsonvalue.SyntaxError
	if errors.As(err, &se) {
		return invalidJSONError(err, se.Msg, se.Offset)
	}
	return invalidJSONError(err, "", 0)
}

// tooDeepError is the payload error for nesting past the depth limit.
func tooDeepError(err error, maxDepth int, offset int64) *Error {
	e := newError(CodeTooLarge, "", "", "the payload is nested deeper than %d levels (at byte %d)", maxDepth, offset)
	e.Err, e.Offset = err, offset
	return e
}

// invalidJSONError is the payload error for a syntax error msg at offset; with no
// msg, err's own text is the message.
func invalidJSONError(err error, msg string, offset int64) *Error {
	text := err.Error()
	if msg != "" {
		text = fmt.Sprintf("the payload is not valid JSON: %s at byte %d", msg, offset)
	}
	e := newError(CodeInvalidJSON, "", "", "%s", text)
	e.Err, e.Offset = err, offset
	return e
}
