package jsonscan

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsonvalue"
)

// withCareful turns a query's fast paths off: the reference they are checked
// against.
func withCareful() Option { return func(c *config) { c.careful = true } }

// carefulQuery compiles paths with their fast paths off, once.
func carefulQuery(t testing.TB, paths []Path, depth, n int) *Query {
	key := fmt.Sprintf("%p/%d/%d/depth%d/careful", &paths[0], len(paths), n, depth)
	if q, ok := queryCache.Load(key); ok {
		return q.(*Query)
	}
	q, err := Compile(paths, WithMaxDepth(depth), WithBufferSize(n), withCareful())
	if err != nil {
		t.Fatal(err)
	}
	queryCache.Store(key, q)
	return q
}

// fastPathQueries are fuzzQueries plus the shapes of the partners' payloads, whose
// members carry fields that no path asks for: the fast paths' common case.
var fastPathQueries = append([][]Path{
	{
		p(1, "environmentId"),
		p(2, "batch", "0", "cohortId"),
		each(3, []Path{p(30, "userId"), p(31, "value"), p(32, "cohortId"), p(33, "cohortName")}, "batch"),
	},
	{
		p(1, "parameters", "project"),
		p(2, "action"),
		each(3, []Path{p(30, "distinct_id")}, "parameters", "members"),
	},
}, fuzzQueries...)

// scanLog is everything a scan tells: its events and its error, word for word.
// With step, the handler is an ElementStepper (stepLogger), which the fast
// paths step through the elements of an array with; its events are logged as
// a logger's.
func scanLog(q *Query, data []byte, reader, step bool) string {
	var l stepLogger
	var h Handler = &l.logger
	if step {
		h = &l
	}
	var err error
	if reader {
		err = q.ScanReader(bytes.NewReader(data), h)
	} else {
		err = q.Scan(data, h)
	}
	s := strings.Join(l.events, " ")
	var se *jsonvalue.SyntaxError
	var de *jsonvalue.DepthError
	switch {
	case errors.As(err, &se):
		s += fmt.Sprintf(" | syntax error at %d: %s (wraps %v)", se.Offset, se.Msg, se.Err)
	case errors.As(err, &de):
		s += fmt.Sprintf(" | depth error at %d, limit %d", de.Offset, de.MaxDepth)
	case err != nil:
		s += " | " + err.Error()
	}
	return s
}

// checkFastVsCareful requires every query to give the same events and the same
// error (type, offset and message) with its fast paths on and off, over a []byte
// and over readers with small buffers, under a generous and a tight depth limit,
// to a handler that is an ElementStepper and to one that is not.
func checkFastVsCareful(t *testing.T, data []byte) {
	for qi, paths := range fastPathQueries {
		for _, depth := range []int{500, 3} {
			for _, n := range []int{0, 1, 7, 64} {
				fast := cachedQueryDepth(t, paths, depth, n)
				careful := carefulQuery(t, paths, depth, n)
				for _, reader := range []bool{false, true} {
					if n == 0 && reader || n > 0 && !reader {
						continue
					}
					want := scanLog(careful, data, reader, false)
					for _, step := range []bool{false, true} {
						if got := scanLog(fast, data, reader, step); got != want {
							t.Fatalf("query %d, depth %d, buffer %d, stepper %v: %q\nfast:    %s\ncareful: %s", qi, depth, n, step, data, got, want)
						}
					}
				}
			}
		}
	}
}

// cachedQueryDepth is cachedQuery with a depth limit.
func cachedQueryDepth(t testing.TB, paths []Path, depth, n int) *Query {
	if depth == 500 {
		return cachedQuery(t, paths, n)
	}
	key := fmt.Sprintf("%p/%d/%d/depth%d", &paths[0], len(paths), n, depth)
	if q, ok := queryCache.Load(key); ok {
		return q.(*Query)
	}
	q, err := Compile(paths, WithMaxDepth(depth), WithBufferSize(n))
	if err != nil {
		t.Fatal(err)
	}
	queryCache.Store(key, q)
	return q
}

// blockSeeds are inputs whose strings, escapes and multi-byte characters fall on
// every offset of the 8- and 64-byte blocks the fast paths read, valid and with an
// invalid byte at every position.
func blockSeeds() []string {
	var s []string
	member := `{"userId":"u1","email":"a@b.c","name":"Zo\u00eb \"Z\" J\u00fcrgen 山田 \ud83d\ude00","traits":{"n":[1,-2.5e3,true,null],"s":"b\nc"},"value":true}`
	for pad := range 72 {
		x := strings.Repeat("x", pad)
		s = append(s,
			`{"environmentId":"`+x+`","batch":[`+member+`,{"`+x+`":"`+x+`é","userId":"`+x+`\"","value":false}]}`,
			`{"`+x+`":"\u00e9`+x+`\ud83d\ude00","batch":[{"a`+x+`":1,"userId":2}]}`,
			`{"action":"add","parameters":{"members":[{"k`+x+`":"山`+x+`","distinct_id":"d"}]}}`,
		)
	}
	base := `{"environmentId":"e","batch":[` + member + `]}`
	for i := range len(base) {
		for _, bad := range []string{"\xff", "\x01", `"`, `\`, "\xe5\xb1", "}", ","} {
			s = append(s, base[:i]+bad+base[i+1:])
		}
		s = append(s, base[:i]) // cut short
	}
	return s
}

// FuzzFastVsCareful checks the fast paths (the buffered skip of unwanted values,
// member names and members, and the SWAR string scan) against the careful path,
// which reads byte by byte: same events, same errors at the same offsets.
func FuzzFastVsCareful(f *testing.F) {
	for _, s := range append(append(append(seedInputs(), blockSeeds()...), stringDocs()...), numberSeeds()...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastVsCareful(t, data)
	})
}

// TestSiblingElements checks members going on from one object of an array to
// the next itself (sibling, after an object whose last member no path needs)
// against the careful path, where it must and where it must not: objects side
// by side with the same names (a repeat resets only within an object), an
// empty object, whitespace or another value between them, an element whose
// state differs (batch/0), objects that end with a captured value, arrays
// inside arrays and errors just after the comma.
func TestSiblingElements(t *testing.T) {
	for _, doc := range []string{
		`{"batch":[{"userId":"a","x":1},{"userId":"b","x":2},{"userId":"c","x":3}]}`,
		`{"batch":[{"userId":"a","value":true,"x":{"y":[1]}},{"userId":"a","value":false,"x":2}]}`,
		`{"batch":[{"userId":"a","value":true},{"userId":"b","value":false},{"userId":"c","value":true}]}`,
		`{"batch":[{"x":1,"userId":"a"},{"x":2,"userId":"b"},{"userId":"c","x":3}]}`,
		`{"batch":[{"x":1},{},{"x":2},{"userId":"b"}]}`,
		`{"batch":[{"x":1}, {"userId":"b"},` + "\n" + `{"userId":"c"}]}`,
		`{"batch":[{"x":1},1,{"userId":"b"},"s",{"userId":"c"},[{"userId":"d"}]]}`,
		`{"batch":[{"cohortId":"c0","userId":"a","x":1},{"cohortId":"c1","userId":"b","x":1}]}`,
		`{"batch":[{"userId":"a","x":1},{"userId":"b","x":1}],"environmentId":"e"}`,
		`{"parameters":{"members":[{"distinct_id":"a","x":1},{"distinct_id":"b","x":1}]},"action":"add"}`,
		`{"batch":[{"userId":"a","x":1},{`,
		`{"batch":[{"userId":"a","x":1},{"`,
		`{"batch":[{"userId":"a","x":1},{"userId"`,
		`{"batch":[{"userId":"a","x":1},{"userId":}]}`,
		`{"batch":[{"userId":"a","x":1},{","}]}`,
		`{"batch":[{"userId":"a","x":1}},{"userId":"c"}]}`,
		`{"batch":[[{"userId":"a","x":1},{"userId":"b","x":1}],[{"userId":"c","x":1}]]}`,
	} {
		checkFastVsCareful(t, []byte(doc))
	}
}
