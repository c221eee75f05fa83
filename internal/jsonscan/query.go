package jsonscan

import (
	"io"
	"sync"
)

// Path names one value to capture, as a JSON pointer already split into unescaped
// reference tokens (RFC 6901: "~1" and "~0" already replaced). No tokens means the
// value the path is relative to: the document for a top-level path, the element for
// a path in Elements.
//
// On an object a token is a member name, matched exactly. On an array a token is an
// index only when it is "0" or a digit string without leading zeros that is inside
// the array; "-" and any other token match nothing in an array. Nothing matches
// inside a scalar.
type Path struct {
	Tokens []string // the pointer's reference tokens
	Slot   int      // the caller's ID for this path, passed back in every event
	// Raw asks for the value's raw JSON text instead of its decoded text. Not
	// allowed with Each.
	Raw bool
	// MaxLen is the longest JSON text, in bytes, held for this path's value (a
	// string with its quotes and escapes, a number, or a raw object or array); 0
	// means the query's [WithMaxValueLen]. A longer value is validated without
	// being held and delivered with [Handler.Overflow] instead of Capture.
	MaxLen int
	// Each marks a path to an array whose elements are each scanned with Elements,
	// paths relative to the element. See [Handler] for the events.
	Each     bool
	Elements []Path
}

// A Query is a compiled set of paths, ready to scan documents. A Query is immutable
// and safe for concurrent use by multiple goroutines.
type Query struct {
	root *state
	cfg  config
	// nameLen is the longest member name held to match it: one longer than any
	// token could be, escaped, matches none and is validated without being held.
	nameLen int
	pool    sync.Pool // *scanner
}

// Compile compiles paths into a Query. Paths may share prefixes, nest inside one
// another, repeat, and reach into the elements of an array that an Each path
// iterates; every path that matches a value is delivered.
func Compile(paths []Path, opts ...Option) (*Query, error) {
	cfg := config{}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.maxDepth <= 0 {
		cfg.maxDepth = DefaultMaxDepth
	}
	if cfg.maxValueLen <= 0 {
		cfg.maxValueLen = DefaultMaxValueLen
	}
	if cfg.bufferSize <= 0 {
		cfg.bufferSize = DefaultBufferSize
	}
	root, b, err := build(paths, cfg.maxValueLen)
	if err != nil {
		return nil, err
	}
	// An escape is at most 6 bytes of JSON text per byte of a token; 2 quotes.
	return &Query{root: root, cfg: cfg, nameLen: 6*b.maxKey + 2}, nil
}

// Scan scans data, which must hold exactly one JSON value with optional whitespace
// around it, and reports the values of the query's paths to h. It returns a
// *[jsonvalue.SyntaxError] or *[jsonvalue.DepthError] for input it refuses, or the first
// error h returns. Events already delivered before an error stand; a caller that
// needs all-or-nothing must discard them when Scan fails.
func (q *Query) Scan(data []byte, h Handler) error {
	s := q.get()
	s.buf = data
	err := s.run(h)
	q.put(s)
	return err
}

// A Scanner holds the memory a scan works with (its stacks, its scratch for
// unescaped text, the read buffer of [Query.ScanReaderWith]), for a caller that
// keeps per-scan state of its own and would rather keep this with it than have
// every scan take it from and return it to the Query's pool. The zero Scanner
// is ready for use with any Query; a Scanner serves one scan at a time.
type Scanner struct{ s scanner }

// ScanWith is [Query.Scan] with the memory of sc.
func (q *Query) ScanWith(sc *Scanner, data []byte, h Handler) error {
	s := sc.bind(q)
	s.buf = data
	err := s.run(h)
	s.reset()
	return err
}

// ScanReaderWith is [Query.ScanReader] with the memory of sc.
func (q *Query) ScanReaderWith(sc *Scanner, r io.Reader, h Handler) error {
	return q.scanReader(sc.bind(q), r, h)
}

// bind readies sc's scanner for a scan with q.
func (sc *Scanner) bind(q *Query) *scanner {
	s := &sc.s
	s.q, s.maxDepth, s.careful = q, q.cfg.maxDepth, q.cfg.careful
	return s
}

// ScanReader is [Query.Scan] over a stream, read through a buffer of the query's
// buffer size that grows only to hold one captured value of at most its path's
// MaxLen, or one member name on a query path. An error from r other than io.EOF is
// returned unchanged.
func (q *Query) ScanReader(r io.Reader, h Handler) error {
	s := q.get()
	err := q.scanReader(s, r, h)
	q.pool.Put(s)
	return err
}

// scanReader runs s over r, and readies s for another scan.
func (q *Query) scanReader(s *scanner, r io.Reader, h Handler) error {
	if cap(s.rbuf) < q.cfg.bufferSize {
		s.rbuf = make([]byte, 0, q.cfg.bufferSize)
	}
	s.buf = s.rbuf[:0]
	s.r = r
	err := s.run(h)
	if cap(s.buf) <= 4*q.cfg.bufferSize {
		s.rbuf = s.buf[:0]
	}
	s.reset()
	return err
}

func (q *Query) get() *scanner {
	if s, ok := q.pool.Get().(*scanner); ok {
		return s
	}
	return &scanner{q: q, maxDepth: q.cfg.maxDepth, careful: q.cfg.careful}
}

func (q *Query) put(s *scanner) {
	s.reset()
	q.pool.Put(s)
}
