// Package payloadread reads a payload from an io.Reader for a scan, within a
// byte limit, telling apart what the scan must not confuse: a payload past the
// limit (too_large whatever it holds), a reader that failed or stopped making
// progress (not a payload error), and the payload's own bytes. It also notes
// the payload's first byte past JSON whitespace, which tells a blank payload and
// the kind of the top-level value without holding the payload. Package parser
// and the capability programs (internal/extract) read streams through it.
package payloadread

import (
	"errors"
	"io"
)

// MaxEmptyReads is how many reads in a row may return no bytes and no error
// before a reader is taken to be stuck (io.ErrNoProgress), as bufio does.
const MaxEmptyReads = 100

// errOver is what Read returns once the payload has passed the limit; the
// scan stops on it, and Over reports it.
var errOver = errors.New("payload too large")

// Reader reads at most a limit of bytes from a reader and records whether it
// had more, the first error of the reader other than io.EOF, and the payload's
// first byte past whitespace. It is for one payload and one goroutine.
type Reader struct {
	r     io.Reader
	n     int64 // bytes left under the limit
	over  bool
	err   error
	empty int  // reads in a row that returned nothing
	first byte // the first byte past whitespace, when seen
	seen  bool
}

// New returns a Reader of at most max bytes of r.
func New(r io.Reader, max int64) *Reader { return &Reader{r: r, n: max} }

// Read reads from the underlying reader, up to the limit. Past it, it returns
// an error and Over reports true; a payload of exactly the limit is fine.
func (l *Reader) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if l.n <= 0 {
		// Probe for one more byte: a payload of exactly the limit is fine.
		var one [1]byte
		k, err := l.r.Read(one[:])
		if k > 0 {
			l.over = true
			return 0, errOver
		}
		return 0, l.note(0, err)
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	k, err := l.r.Read(b)
	l.n -= int64(k)
	if !l.seen {
		l.first, l.seen = FirstByte(b[:k])
	}
	return k, l.note(k, err)
}

func (l *Reader) note(k int, err error) error {
	switch {
	case err != nil && err != io.EOF:
		l.err = err
	case err == nil && k == 0:
		if l.empty++; l.empty >= MaxEmptyReads {
			l.err = io.ErrNoProgress
			return l.err
		}
	default:
		l.empty = 0
	}
	return err
}

// Settle is called with the scan's error once the scan is over. A scan that
// failed before the end of the payload (invalid JSON, too deep, a handler's
// error) may have left a payload past the limit unread: Settle reads on, up
// to the limit, so that Over tells, as it does for a payload given whole.
func (l *Reader) Settle(scanErr error) {
	if scanErr != nil && !l.over && l.err == nil {
		_, _ = io.Copy(io.Discard, l)
	}
}

// Over reports whether the payload passed the limit.
func (l *Reader) Over() bool { return l.over }

// Err returns the first error of the underlying reader other than io.EOF, or
// io.ErrNoProgress for a reader that kept returning nothing; nil if none.
func (l *Reader) Err() error { return l.err }

// First returns the payload's first byte past JSON whitespace, and false when
// none was read (a blank payload).
func (l *Reader) First() (byte, bool) { return l.first, l.seen }

// FirstByte returns the first byte of text past JSON whitespace, and false when
// the text is blank.
func FirstByte(text []byte) (byte, bool) {
	for _, b := range text {
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return b, true
		}
	}
	return 0, false
}
