package payloadread

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReader(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		r     io.Reader
		max   int64
		over  bool
		err   error
		first byte
		seen  bool
		read  string
	}{
		{name: "under the limit", r: strings.NewReader(` {"a":1}`), max: 10, first: '{', seen: true, read: ` {"a":1}`},
		{name: "exactly the limit", r: strings.NewReader(`[1,2]`), max: 5, first: '[', seen: true, read: `[1,2]`},
		{name: "one byte past", r: strings.NewReader(`[1,2] `), max: 5, over: true, first: '[', seen: true, read: `[1,2]`},
		{name: "blank", r: strings.NewReader(" \t\r\n"), max: 10, read: " \t\r\n"},
		{name: "a NUL byte is not blank", r: iotest.OneByteReader(strings.NewReader(" \x000")), max: 10, first: 0, seen: true, read: " \x000"},
		{name: "first byte after blank reads", r: iotest.OneByteReader(strings.NewReader("  \n\"x\"")), max: 10, first: '"', seen: true, read: "  \n\"x\""},
		{name: "failing", r: io.MultiReader(strings.NewReader("[1"), iotest.ErrReader(boom)), max: 10, err: boom, first: '[', seen: true, read: "[1"},
		{name: "stuck", r: io.MultiReader(strings.NewReader("[1"), stuck{}), max: 10, err: io.ErrNoProgress, first: '[', seen: true, read: "[1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := New(tt.r, tt.max)
			got, _ := io.ReadAll(l)
			first, seen := l.First()
			if string(got) != tt.read || l.Over() != tt.over || !errors.Is(l.Err(), tt.err) || (tt.err == nil) != (l.Err() == nil) || first != tt.first || seen != tt.seen {
				t.Errorf("read %q, over %v, err %v, first %q %v; want %q, %v, %v, %q %v", got, l.Over(), l.Err(), first, seen, tt.read, tt.over, tt.err, tt.first, tt.seen)
			}
		})
	}
}

// Settle reads on after a scan that stopped early, so that a payload past the
// limit is known to be; after a scan that ended, or a failed reader, it reads
// nothing.
func TestSettle(t *testing.T) {
	l := New(strings.NewReader("x"+strings.Repeat(" ", 20)), 10)
	if _, err := l.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	l.Settle(nil)
	if l.Over() {
		t.Fatal("Settle read on after a scan that succeeded")
	}
	l.Settle(errors.New("invalid JSON"))
	if !l.Over() {
		t.Fatal("Settle after a failed scan did not find the payload past the limit")
	}
}

type stuck struct{}

func (stuck) Read([]byte) (int, error) { return 0, nil }
