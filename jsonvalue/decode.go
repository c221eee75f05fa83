package jsonvalue

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// DefaultMaxDepth is the nesting depth Decode allows when none is given.
const DefaultMaxDepth = 1000

// MaxDepthCeiling is the deepest nesting Decode ever allows, whatever it is asked
// for: one level below the underlying jsontext decoder's own ceiling of 10000, so
// that a document past it is still a *DepthError. A larger maxDepth is lowered to
// it.
const MaxDepthCeiling = 9999

// SyntaxError reports a document that is not valid JSON (RFC 8259 in UTF-8). A
// document that ends too early wraps io.ErrUnexpectedEOF. The text of Msg may
// change between versions: test the type and the wrapped cause, not the wording.
type SyntaxError struct {
	Offset int64  // byte offset of the problem in the input
	Msg    string // what is wrong
	Err    error  // the underlying cause, if any
}

// Error formats the error with its byte offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// Unwrap returns the underlying decoder error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// ErrTooDeep is the cause every *DepthError wraps, for errors.Is.
var ErrTooDeep = errors.New("JSON nested too deep")

// DepthError reports a document nested deeper than the decoder allows.
type DepthError struct {
	Offset   int64 // byte offset of the value that went too deep
	MaxDepth int   // the limit that was passed
}

// Error formats the error with the limit and the byte offset.
func (e *DepthError) Error() string {
	return fmt.Sprintf("JSON nested deeper than %d levels at byte %d", e.MaxDepth, e.Offset)
}

// Unwrap returns ErrTooDeep.
func (e *DepthError) Unwrap() error { return ErrTooDeep }

// Decode decodes one JSON document, with nothing but whitespace after it. It never
// recurses, so a deep document cannot exhaust the stack; nesting past maxDepth
// (DefaultMaxDepth when maxDepth <= 0, at most MaxDepthCeiling) is a *DepthError,
// and any other invalid input is a *SyntaxError.
func Decode(data []byte, maxDepth int) (any, error) {
	return DecodeReader(bytes.NewReader(data), maxDepth)
}

// DecodeReader is Decode over a stream.
func DecodeReader(r io.Reader, maxDepth int) (any, error) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	maxDepth = min(maxDepth, MaxDepthCeiling)
	dec := jsontext.NewDecoder(r, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(false))
	type frame struct {
		obj  *Object // the object being built, or nil for an array
		arr  []any   // the array being built
		name string  // the member name whose value comes next
	}
	var stack []frame
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, syntaxError(dec, err)
		}
		// Depth is checked on a container that was read, not peeked at, so that a
		// "[" where the grammar forbids it is a syntax error, not a depth error.
		if k := tok.Kind(); (k == '{' || k == '[') && len(stack) >= maxDepth {
			return nil, &DepthError{Offset: dec.InputOffset() - 1, MaxDepth: maxDepth}
		}
		// A string token where an object expects a name is the name.
		if n := len(stack); n > 0 && stack[n-1].obj != nil && tok.Kind() == '"' && isName(dec) {
			stack[n-1].name = tok.String()
			continue
		}
		var v any
		switch tok.Kind() {
		case '{':
			stack = append(stack, frame{obj: &Object{}})
			continue
		case '[':
			stack = append(stack, frame{arr: []any{}})
			continue
		case '}':
			v = stack[len(stack)-1].obj
			stack = stack[:len(stack)-1]
		case ']':
			v = stack[len(stack)-1].arr
			stack = stack[:len(stack)-1]
		case 't':
			v = true
		case 'f':
			v = false
		case '"':
			v = tok.String()
		case '0':
			v = Number(tok.String())
		}
		if len(stack) == 0 {
			if _, err := dec.ReadToken(); err != io.EOF {
				if err == nil {
					err = errors.New("unexpected data after the top-level value")
				}
				return nil, syntaxError(dec, err)
			}
			return v, nil
		}
		if top := &stack[len(stack)-1]; top.obj != nil {
			top.obj.Set(top.name, v)
		} else {
			top.arr = append(top.arr, v)
		}
	}
}

// isName reports whether the token just read was an object member name: inside an
// object, jsontext counts names and values alike, so a name leaves the count odd.
func isName(dec *jsontext.Decoder) bool {
	_, n := dec.StackIndex(dec.StackDepth())
	return n%2 == 1
}

func syntaxError(dec *jsontext.Decoder, err error) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: se.ByteOffset, Msg: se.Err.Error(), Err: err}
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &SyntaxError{Offset: dec.InputOffset(), Msg: io.ErrUnexpectedEOF.Error(), Err: io.ErrUnexpectedEOF}
	}
	return &SyntaxError{Offset: dec.InputOffset(), Msg: err.Error(), Err: err}
}
