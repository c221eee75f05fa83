package parser

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io"
	"math"

	"github.com/segsync/segsync/jsonscan"
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
	if int64(len(payload)) > p.limits.MaxBytes {
		return nil, p.tooManyBytes()
	}
	if p.query == nil {
		return p.evalReference(bytes.NewReader(payload))
	}
	c := p.getCollector()
	res, err := p.finishScan(c, p.query.Scan(payload, c))
	p.putCollector(c)
	return res, err
}

// ParseReader is Parse over a stream. It reads r to its end, or until the payload
// passes the byte limit, through a fixed-size buffer: the payload is never held
// whole.
//
// An error reading r (other than io.EOF) is not a payload error: ParseReader
// returns it wrapped in a *ReadError, never as a *Error, since the payload was not
// seen whole. A payload that passes the byte limit is too_large even so.
func (p *Program) ParseReader(r io.Reader) (*Result, error) {
	lr := &limitedReader{r: r, n: p.limits.MaxBytes}
	var res *Result
	var err error
	if p.query == nil {
		res, err = p.evalReference(lr)
	} else {
		c := p.getCollector()
		res, err = p.finishScan(c, p.query.ScanReader(lr, c))
		p.putCollector(c)
	}
	if err != nil && !lr.over && lr.err == nil {
		// A payload past the byte limit is too_large whatever it holds, as in
		// Parse: read on (up to the limit) to tell.
		_, _ = io.Copy(io.Discard, lr)
	}
	switch {
	case lr.over:
		return nil, p.tooManyBytes()
	case lr.err != nil:
		return nil, &ReadError{Err: lr.err}
	}
	return res, err
}

// finishScan turns the outcome of a scan into the verdict: a scan error (the
// payload is not valid JSON, or too deep) beats every other error, as in the
// reference evaluator, which decodes the whole payload first.
func (p *Program) finishScan(c *collector, err error) (*Result, error) {
	if err != nil {
		return nil, p.scanError(err)
	}
	res, perr := c.finish()
	if perr != nil {
		return nil, perr
	}
	return res, nil
}

// scanError turns a scan error into a payload error, with the codes and messages
// of decodeError.
func (p *Program) scanError(err error) error {
	var de *jsonscan.DepthError
	if errors.As(err, &de) {
		return tooDeepError(err, de.MaxDepth, de.Offset)
	}
	var le *jsonscan.LimitError
	if errors.As(err, &le) {
		e := newError(CodeTooLarge, "", "", "the payload holds a value longer than %d bytes (at byte %d)", le.Limit, le.Offset)
		e.Err = err
		return e
	}
	var se *jsonscan.SyntaxError
	if errors.As(err, &se) {
		m := se.Msg
		if m == "unexpected end of input" {
			m = io.ErrUnexpectedEOF.Error() // the decoder's wording, which responses show
		}
		return invalidJSONError(err, m, se.Offset)
	}
	return invalidJSONError(err, "", 0)
}

// compileQuery builds the program's scan query from its pointers: each set
// top-level pointer is a slot; each member array is an Each path whose elements
// carry the member-relative pointers.
//
// The depth limit is the decoder's (jsonvalue caps it at MaxDepthCeiling), so that
// the scan and the reference evaluator refuse the same documents. The scanner's
// value-length limit is set so that it never fires (no payload is longer than
// MaxBytes): a long value is judged by the collector with the reference's rules and
// order (MaxValueBytes on the decoded text, after the errors that come first), which
// a scan that stopped at the long value could not do. Memory for one value is thus
// bounded by MaxBytes, as the reference's tree was; values no pointer names are
// never held.
//
// Pointers too long for the scanner's automaton (thousands of tokens, which no real
// manifest has) leave the program without a query: it then runs the reference
// evaluator.
func (p *Program) compileQuery() {
	var paths []jsonscan.Path
	for slot, pa := range p.top {
		if pa.set {
			paths = append(paths, jsonscan.Path{Tokens: pa.ptr.Tokens(), Slot: slot})
		}
	}
	for i, pa := range p.arrays {
		var elems []jsonscan.Path
		for slot, mp := range p.member {
			if mp.set {
				elems = append(elems, jsonscan.Path{Tokens: mp.ptr.Tokens(), Slot: slotMember + i*numMember + slot})
			}
		}
		paths = append(paths, jsonscan.Path{Tokens: pa.ptr.Tokens(), Slot: slotArray + i, Each: true, Elements: elems})
	}
	p.overrides = p.member[memberCohortID].set || p.member[memberCohortName].set
	p.seed = maphash.MakeSeed()
	if q, err := jsonscan.Compile(paths, p.scanOptions()...); err == nil {
		p.query = q
	}
	if p.template != nil && p.query != nil {
		p.body = planBody(p.template)
		if q, err := jsonscan.Compile(append(paths, p.body.paths...), p.scanOptions()...); err == nil {
			p.respondQuery = q
		}
	}
}

func (p *Program) scanOptions() []jsonscan.Option {
	maxLen := int64(math.MaxInt)
	if p.limits.MaxBytes < maxLen {
		maxLen = p.limits.MaxBytes + 1
	}
	return []jsonscan.Option{
		jsonscan.WithMaxDepth(min(p.limits.MaxDepth, jsonvalue.MaxDepthCeiling)),
		jsonscan.WithMaxValueLen(int(maxLen)),
	}
}
