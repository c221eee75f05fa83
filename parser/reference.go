package parser

import (
	"errors"
	"fmt"
	"io"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

func (p *Program) tooManyBytes() *Error {
	return newError(CodeTooLarge, "", "", "the payload is larger than %d bytes", p.limits.MaxBytes)
}

// limitedReader reads at most n bytes and records whether r had more, and the
// first error of r other than io.EOF.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
	err  error
}

func (l *limitedReader) Read(b []byte) (int, error) {
	if l.n <= 0 {
		// Probe for one more byte: a payload of exactly n bytes is fine.
		var one [1]byte
		k, err := l.r.Read(one[:])
		if k > 0 {
			l.over = true
			return 0, errors.New("payload too large")
		}
		return 0, l.note(err)
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	k, err := l.r.Read(b)
	l.n -= int64(k)
	return k, l.note(err)
}

func (l *limitedReader) note(err error) error {
	if err != nil && err != io.EOF && l.err == nil {
		l.err = err
	}
	return err
}

// evalReference is the reference evaluator: it decodes the whole payload into a
// tree with the strict decoder and walks the program's pointers over it. It is
// simple and obviously correct, and it is what faster evaluators are checked
// against.
func (p *Program) evalReference(r io.Reader) (*Result, error) {
	doc, err := jsonvalue.DecodeReader(r, p.limits.MaxDepth)
	if err != nil {
		return nil, p.decodeError(err)
	}
	return p.evalTree(doc)
}

// decodeError turns a decoder error into a payload error.
func (p *Program) decodeError(err error) *Error {
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

// tooDeepError is the payload error for nesting past the depth limit; both
// evaluators word it so.
func tooDeepError(err error, maxDepth int, offset int64) *Error {
	e := newError(CodeTooLarge, "", "", "the payload is nested deeper than %d levels (at byte %d)", maxDepth, offset)
	e.Err = err
	return e
}

// invalidJSONError is the payload error for a syntax error msg at offset; with no
// msg, err's own text is the message. Both evaluators word it so.
func invalidJSONError(err error, msg string, offset int64) *Error {
	text := err.Error()
	if msg != "" {
		text = fmt.Sprintf("the payload is not valid JSON: %s at byte %d", msg, offset)
	}
	e := newError(CodeInvalidJSON, "", "", "%s", text)
	e.Err = err
	return e
}

// evalTree evaluates the program over a decoded payload.
func (p *Program) evalTree(doc any) (*Result, error) {
	b := newBuilder(p)
	for slot, pa := range p.top {
		if pa.set {
			b.setTop(slot, valueAt(doc, pa.ptr))
		}
	}
	for i, pa := range p.arrays {
		v, found := pa.ptr.Eval(doc)
		b.startArray(i, kindOfFound(v, found))
		elems, _ := v.([]any)
		for index, el := range elems {
			var m member
			for slot, mp := range p.member {
				if mp.set {
					m[slot] = valueAt(el, mp.ptr)
				}
			}
			if err := b.addMember(i, index, &m); err != nil {
				return nil, err
			}
		}
	}
	return b.finish()
}

// valueAt evaluates ptr over v and returns what it finds as a value.
func valueAt(v any, ptr jsonpath.Pointer) value {
	found, ok := ptr.Eval(v)
	k := kindOfFound(found, ok)
	switch k {
	case kindString:
		return value{kind: k, text: found.(string)}
	case kindNumber:
		return value{kind: k, text: string(found.(jsonvalue.Number))}
	}
	return value{kind: k}
}

func kindOfFound(v any, found bool) kind {
	if !found {
		return kindAbsent
	}
	switch v := v.(type) {
	case nil:
		return kindNull
	case bool:
		if v {
			return kindTrue
		}
		return kindFalse
	case string:
		return kindString
	case jsonvalue.Number:
		return kindNumber
	case []any:
		return kindArray
	case *jsonvalue.Object:
		return kindObject
	}
	return kindAbsent
}
