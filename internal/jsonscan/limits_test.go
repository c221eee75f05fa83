package jsonscan

import (
	"errors"
	"io"
	"math"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/segsync/segsync/jsonvalue"
)

// deepReader streams n opening brackets without holding them in memory.
type deepReader struct{ n int }

func (r *deepReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range k {
		p[i] = '['
	}
	r.n -= k
	return k, nil
}

func TestDepthLimit(t *testing.T) {
	tests := []struct {
		name  string
		paths []Path
		in    string
		limit int
		err   bool
	}{
		{"arrays at the limit", nil, `[[[]]]`, 3, false},
		{"arrays over the limit", nil, `[[[[]]]]`, 3, true},
		{"objects over the limit", nil, `{"a":{"b":{"c":{}}}}`, 3, true},
		{"on a path at the limit", []Path{p(1, "a", "b")}, `{"a":{"b":[]}}`, 3, false},
		{"on a path over the limit", []Path{p(1, "a", "b", "c")}, `{"a":{"b":{"c":[]}}}`, 3, true},
		{"skipped inside a path", []Path{p(1, "a", "x")}, `{"a":{"b":[[1]]}}`, 3, true},
		{"scalars do not count", nil, `[[["x"]]]`, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := mustCompile(t, tt.paths, WithMaxDepth(tt.limit))
			for _, err := range []error{
				q.Scan([]byte(tt.in), NopHandler{}),
				q.ScanReader(strings.NewReader(tt.in), NopHandler{}),
			} {
				var de *jsonvalue.DepthError
				if got := errors.As(err, &de); got != tt.err {
					t.Fatalf("error %v, want DepthError=%v", err, tt.err)
				}
				if tt.err && de.MaxDepth != tt.limit {
					t.Fatalf("MaxDepth %d, want %d", de.MaxDepth, tt.limit)
				}
			}
		})
	}
}

// TestDepthTenMillion scans a document ten million levels deep, from a []byte and
// from a stream, and must fail fast with a DepthError.
func TestDepthTenMillion(t *testing.T) {
	q := mustCompile(t, []Path{each(1, nil, "0")})
	deep := []byte(strings.Repeat("[", 10_000_000))
	var de *jsonvalue.DepthError
	if err := q.Scan(deep, NopHandler{}); !errors.As(err, &de) || de.MaxDepth != DefaultMaxDepth || de.Offset != DefaultMaxDepth {
		t.Fatalf("Scan: %v, want DepthError at byte %d", err, DefaultMaxDepth)
	}
	r := &deepReader{n: 10_000_000}
	if err := q.ScanReader(r, NopHandler{}); !errors.As(err, &de) {
		t.Fatalf("ScanReader: %v, want DepthError", err)
	}
	if r.n < 10_000_000-2*DefaultBufferSize {
		t.Fatalf("ScanReader read %d bytes before failing", 10_000_000-r.n)
	}
}

// TestValueLimit: a value longer than its path's limit is validated without being
// held and delivered as an Overflow with its length, whatever the buffer size; a
// member name longer than any token could be, escaped, matches no token.
func TestValueLimit(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		paths []Path
		in    string
		want  string // the events, space-separated
	}{
		{"captured string at the limit", []Path{p(1, "a")}, `{"a":"` + long[:14] + `"}`, "C1:string:" + long[:14]},
		{"captured string over the limit", []Path{p(1, "a")}, `{"a":"` + long + `"}`, "O1:string:102"},
		{"captured number over the limit", []Path{p(1, "a")}, `{"a":` + strings.Repeat("1", 17) + `}`, "O1:number:17"},
		{"a path's own limit", []Path{{Tokens: []string{"a"}, Slot: 1, MaxLen: 200}}, `{"a":"` + long + `"}`, "C1:string:" + long},
		{"two captures, two limits", []Path{p(1, "a"), {Tokens: []string{"a"}, Slot: 2, MaxLen: 200, Raw: true}}, `{"a":"` + long + `"}`, `O1:string:102 C2:string:"` + long + `"`},
		{"skipped string is not limited", []Path{p(1, "b")}, `{"a":"` + long + `","b":1}`, "C1:number:1"},
		{"a long name matches no token", []Path{p(1, long)}, `{"` + long + `":1,"b":2}`, "C1:number:1"},
		{"an escaped name longer than the limit still matches", []Path{p(1, "xxxxxxxxxxxxxxxxxxxx")}, `{"` + strings.Repeat(`\u0078`, 20) + `":1}`, "C1:number:1"},
		{"a name too long for any token matches none", []Path{p(1, "ab")}, `{"` + long + `":1,"ab":2}`, "C1:number:2"},
		{"raw value over the limit", []Path{raw(1, "a")}, `{"a":[` + strings.Repeat(`1,`, 20) + `1]}`, "O1:array:43"},
		{"raw empty array over the limit", []Path{raw(1, "a"), each(2, nil, "a")}, `{"a":[` + strings.Repeat(" ", 20) + `]}`, "BA2 EA2 O1:array:22"},
		{"raw empty object over the limit", []Path{raw(1, "a"), p(2, "a", "b")}, `{"a":{` + strings.Repeat(" ", 20) + `}}`, "O1:object:22"},
		{"raw object over the limit, its values delivered", []Path{raw(1, "a"), p(2, "a", "b")}, `{"a":{"b":"` + long[:30] + `"}}`, "O2:string:32 O1:object:38"},
		{"non-raw object is not limited", []Path{p(1, "a")}, `{"a":[` + strings.Repeat(`1,`, 20) + `1]}`, "C1:array:"},
		{"an Each slot's scalar takes no text", []Path{each(1, nil, "a")}, `{"a":"` + long + `"}`, "C1:string:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, bufSize := range []int{0, 4} {
				q := mustCompile(t, tt.paths, WithMaxValueLen(16), WithBufferSize(bufSize))
				for _, scan := range []func(h Handler) error{
					func(h Handler) error { return q.Scan([]byte(tt.in), h) },
					func(h Handler) error { return q.ScanReader(strings.NewReader(tt.in), h) },
				} {
					var l logger
					if err := scan(&l); err != nil {
						t.Fatalf("buffer %d: %v", bufSize, err)
					}
					if got := strings.Join(l.events, " "); got != tt.want {
						t.Fatalf("buffer %d: events\n%s\nwant\n%s", bufSize, got, tt.want)
					}
				}
			}
		})
	}
}

// repeatReader streams prefix, then n bytes of fill, then suffix, without holding
// them.
type repeatReader struct {
	prefix, suffix string
	fill           byte
	n              int64
	at             int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	total := int64(len(r.prefix)) + r.n + int64(len(r.suffix))
	if r.at >= total {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.at < total {
		switch {
		case r.at < int64(len(r.prefix)):
			p[k] = r.prefix[r.at]
		case r.at < int64(len(r.prefix))+r.n:
			p[k] = r.fill
		default:
			p[k] = r.suffix[r.at-int64(len(r.prefix))-r.n]
		}
		k++
		r.at++
	}
	return k, nil
}

// TestOverflowHoldsNothing streams values of 64 MiB at paths whose limit is 1 KiB
// (a string, a number, a raw array, a member name): the buffer must stay small.
func TestOverflowHoldsNothing(t *testing.T) {
	const n = 64 << 20
	tests := []struct {
		name                 string
		paths                []Path
		prefix, suffix, want string
		fill                 byte
	}{
		{"string", []Path{p(1, "a")}, `{"a":"`, `"}`, "O1:string:67108866", 'x'},
		{"number", []Path{p(1, "a")}, `{"a":1`, `}`, "O1:number:67108865", '0'},
		{"raw array", []Path{raw(1, "a")}, `{"a":[1`, `]}`, "O1:array:67108867", ' '},
		{"name", []Path{p(1, "a")}, `{"`, `":1,"a":2}`, "C1:number:2", 'y'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := mustCompile(t, tt.paths, WithMaxValueLen(1024), WithBufferSize(4096))
			s := q.get()
			defer q.put(s)
			s.rbuf = make([]byte, 0, 4096)
			s.buf, s.r = s.rbuf, &repeatReader{prefix: tt.prefix, suffix: tt.suffix, fill: tt.fill, n: n}
			var l logger
			if err := s.run(&l); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(l.events, " "); got != tt.want {
				t.Fatalf("events %s, want %s", got, tt.want)
			}
			if cap(s.buf) > 8192 {
				t.Fatalf("the buffer grew to %d bytes", cap(s.buf))
			}
		})
	}
}

// countingReader counts the bytes read and remembers the largest buffer offered.
type bigReader struct {
	n, left int
	chunk   []byte
}

func (r *bigReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	// One element: {"id":"uNNN","x":[1,2,{"y":"\u00e9"}]}, comma-separated.
	k := copy(p, r.chunk[(r.n-r.left)%len(r.chunk):])
	k = min(k, r.left)
	r.left -= k
	return k, nil
}

// TestStreamBoundedMemory scans a large stream and checks that the buffer stayed at
// its configured size.
func TestStreamBoundedMemory(t *testing.T) {
	q := mustCompile(t, []Path{p(1, "x")}, WithBufferSize(1024))
	s := q.get()
	defer q.put(s)
	elem := `{"id":"u1","x":[1,2,{"y":"\u00e9"}]},`
	const n = 50000
	body := io.MultiReader(strings.NewReader(`[`), &bigReader{n: n * len(elem), left: n * len(elem), chunk: []byte(elem)}, strings.NewReader(`1]`))
	s.rbuf = make([]byte, 0, 1024)
	s.buf, s.r = s.rbuf, body
	if err := s.run(NopHandler{}); err != nil {
		t.Fatal(err)
	}
	if cap(s.buf) != 1024 {
		t.Fatalf("buffer grew to %d", cap(s.buf))
	}
}

func TestReaderError(t *testing.T) {
	boom := errors.New("boom")
	q := mustCompile(t, []Path{p(1, "a")})
	err := q.ScanReader(io.MultiReader(strings.NewReader(`{"a":"x`), errReader{boom}), NopHandler{})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want the reader's", err)
	}
	err = q.ScanReader(io.MultiReader(strings.NewReader(`{"a":1}`), errReader{boom}), NopHandler{})
	if !errors.Is(err, boom) {
		t.Fatalf("error after the value %v, want the reader's", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

type stopper struct {
	NopHandler
	err error
}

func (s stopper) Capture(int, Kind, []byte) error { return s.err }

func TestHandlerError(t *testing.T) {
	stop := errors.New("stop")
	q := mustCompile(t, []Path{p(1, "a")})
	if err := q.Scan([]byte(`{"a":1}`), stopper{err: stop}); err != stop {
		t.Fatalf("error %v, want the handler's", err)
	}
}

func TestSyntaxErrorOffset(t *testing.T) {
	tests := []struct {
		in     string
		offset int64
	}{
		{`[1,]`, 3},
		{"{\"a\":\"\xff\"}", 6},
		{`{"a":1} x`, 8},
		{`[1`, 2},
		{`"\ud800"`, 1},
	}
	q := mustCompile(t, []Path{p(1, "a")})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var se *jsonvalue.SyntaxError
			if err := q.Scan([]byte(tt.in), NopHandler{}); !errors.As(err, &se) || se.Offset != tt.offset {
				t.Fatalf("error %v, want SyntaxError at byte %d", err, tt.offset)
			}
			if err := q.ScanReader(strings.NewReader(tt.in), NopHandler{}); !errors.As(err, &se) || se.Offset != tt.offset {
				t.Fatalf("ScanReader error %v, want SyntaxError at byte %d", err, tt.offset)
			}
		})
	}
}

// A syntax error names what it found, the same over bytes and over a reader
// that hands out one byte at a time (a character split between reads is named
// whole).
func TestSyntaxErrorNamesWhatItFound(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`[1,]`, `expected a value, found ']'`},
		{"\xef\xbb\xbf{}", `expected a value, found a byte order mark (U+FEFF)`},
		{`{"a" 1}`, `expected ':' after a member name, found '1'`},
		{`{"a":1 "b":2}`, `expected ',' or '}' after an object member, found '"'`},
		{`[1 2]`, `expected ',' or ']' after an array element, found '2'`},
		{`{1:2}`, `expected a member name, found '1'`},
		{`{"x":1, 'y':2}`, `expected a member name, found '\''`},
		{"[\x01]", `expected a value, found control character U+0001`},
		{"[\x7f]", `expected a value, found control character U+007F`},
		{"[\xff]", `expected a value, found byte 0xFF, which is not UTF-8`},
		{"[\xe5\xb1\xb1]", `expected a value, found '山' (U+5C71)`},
		{"[\xe2\x80\xae]", `expected a value, found '\u202e' (U+202E)`},
		{`{"skipped": [1 2]}`, `expected ',' or ']' after an array element, found '2'`},
	}
	q := mustCompile(t, []Path{p(1, "a")})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var se *jsonvalue.SyntaxError
			if err := q.Scan([]byte(tt.in), NopHandler{}); !errors.As(err, &se) || se.Msg != tt.msg {
				t.Fatalf("Scan: %v, want %q", err, tt.msg)
			}
			if err := q.ScanReader(iotest.OneByteReader(strings.NewReader(tt.in)), NopHandler{}); !errors.As(err, &se) || se.Msg != tt.msg {
				t.Fatalf("ScanReader, one byte a read: %v, want %q", err, tt.msg)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		paths []Path
	}{
		{"raw each", []Path{{Slot: 1, Each: true, Raw: true}}},
		{"elements without each", []Path{{Slot: 1, Elements: []Path{p(2)}}}},
		{"nested bad path", []Path{each(1, []Path{{Slot: 2, Each: true, Raw: true}})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ce *CompileError
			if _, err := Compile(tt.paths); !errors.As(err, &ce) {
				t.Fatalf("error %v, want CompileError", err)
			}
		})
	}
}

// TestConcurrentScans shares one Query between goroutines (run with -race).
func TestConcurrentScans(t *testing.T) {
	paths := fuzzQueries[0]
	q := mustCompile(t, paths)
	in := []byte(seedInputs()[len(seedInputs())-3])
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 200 {
				var l logger
				if err := q.Scan(in, &l); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestTextLen(t *testing.T) {
	for n, want := range map[int]int{0: 2, 1: 8, 3: 20, math.MaxInt: math.MaxInt, (math.MaxInt-2)/6 + 1: math.MaxInt} {
		if got := TextLen(n); got != want {
			t.Errorf("TextLen(%d) = %d, want %d", n, got, want)
		}
	}
}
