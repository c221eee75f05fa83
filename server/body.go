package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// drainTimeout bounds the time spent discarding the rest of a body after its
// answer was sent.
const drainTimeout = 30 * time.Second

// maxDrainBytes bounds the bytes discarded after an early answer; a longer body
// ends its connection.
const maxDrainBytes = 64 << 20

// bodyReader counts the bytes of a request body as they are read, and stops with
// errStopped once the handler's stop signal is done.
type bodyReader struct {
	r    io.Reader
	stop context.Context // nil: never
	n    int64
	eof  bool
}

var errStopped = errors.New("the server is shutting down")

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.stop != nil && b.stop.Err() != nil {
		return 0, errStopped
	}
	k, err := b.r.Read(p)
	b.n += int64(k)
	if err == io.EOF {
		b.eof = true
	}
	if err != nil && err != io.EOF && b.stop != nil && b.stop.Err() != nil {
		return k, errStopped
	}
	return k, err
}

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// expectsContinue reports whether the client waits for 100 Continue before it
// sends the body.
func expectsContinue(r *http.Request) bool {
	return r.ProtoAtLeast(1, 1) && hasToken(r.Header.Get("Expect"), "100-continue")
}

func hasToken(v, tok string) bool {
	for len(v) > 0 {
		var part string
		part, v, _ = strings.Cut(v, ",")
		if equalFoldASCII(strings.TrimSpace(part), tok) {
			return true
		}
	}
	return false
}

// equalFoldASCII compares ignoring ASCII case only.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
