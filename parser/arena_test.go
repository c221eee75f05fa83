package parser

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// namedPayload is a named-arrays payload (diffSpecs' "named") with the given
// add and remove IDs.
func namedPayload(add, remove []string) []byte {
	list := func(ids []string) string {
		var els []string
		for _, id := range ids {
			els = append(els, fmt.Sprintf(`{"id":%q}`, id))
		}
		return strings.Join(els, ",")
	}
	return fmt.Appendf(nil, `{"env":"e","segment":{"id":"s","name":"S"},"data":{"add":[%s],"remove":[%s]}}`, list(add), list(remove))
}

// ids returns n IDs of size bytes each, distinct, starting with prefix.
func ids(prefix string, n, size int) []string {
	out := make([]string, n)
	for i := range out {
		id := fmt.Sprintf("%s%d-", prefix, i)
		out[i] = id + strings.Repeat("x", size-len(id))
	}
	return out
}

// TestArenaChunks holds Parse and ParseReader to the reference evaluator on
// payloads whose IDs fill the arena's chunks (chunkSize each) just under, at
// and past their room, where result's runs of IDs, copied out of the arena,
// end: IDs that end a chunk exactly, one that does not fit the room left, IDs
// of MaxValueBytes, a few long IDs, repeats (one in 9, one in 7) that break
// the runs, IDs that move from the add list to the remove list, and a member
// array named twice (the first occurrence's chunks are reused).
func TestArenaChunks(t *testing.T) {
	byName := diffProgramsByName(t)
	const size = 128 // IDs per chunk: chunkSize/size
	per := chunkSize / size
	repeated := func(n, every int) []string {
		out := ids("r", n, size)
		for i := range out {
			if i%every == every-1 {
				out[i] = out[i/every]
			}
		}
		return out
	}
	cases := []struct {
		name        string
		add, remove []string
		payload     []byte // when not built from add and remove
	}{
		{name: "one-chunk-full", add: ids("a", per, size)},
		{name: "one-past", add: ids("a", per+1, size)},
		{name: "two-full", add: ids("a", 2*per, size)},
		{name: "both-arrays", add: ids("a", 3*per-1, size), remove: ids("r", 2*per+1, size)},
		{name: "across-arrays", add: ids("a", 2*per, size), remove: ids("a", 3*per, size)[per:]},
		{name: "across-arrays-kept", add: ids("a", 4*per, size), remove: append(ids("a", per/4, size), ids("r", per, size)...)},
		{name: "uneven", add: ids("a", 3*per, size-37)},
		{name: "max-value", add: []string{strings.Repeat("m", DefaultMaxValueBytes), "b", strings.Repeat("n", 40000), strings.Repeat("o", 40000), "c"}},
		// A few members, whose IDs are too long for topTexts' block: in
		// the result's own room, or past it in a block of their own.
		{name: "few-long", add: []string{ids("a", 1, 90)[0], ids("b", 1, 90)[0], ids("a", 1, 90)[0]}},
		{name: "few-long-moved", add: ids("a", 2, 90), remove: ids("a", 1, 90)},
		{name: "few-longer", add: ids("a", 3, 100), remove: ids("r", 1, 100)},
		{name: "repeats-9", add: repeated(3*per, 9)},
		{name: "repeats-7", add: repeated(3*per, 7)},
		{name: "renamed-array", payload: fmt.Appendf(nil, `{"env":"e","segment":{"id":"s","name":"S"},"data":{"add":[%s],"add":[%s]}}`,
			`{"id":"`+strings.Join(ids("x", 3*per, size), `"},{"id":"`)+`"}`,
			`{"id":"`+strings.Join(ids("y", 2*per+5, size), `"},{"id":"`)+`"}`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			payload := tc.payload
			if payload == nil {
				payload = namedPayload(tc.add, tc.remove)
			}
			checkLarge(t, byName["named"], payload)
		})
	}
}

// TestResultOutlivesTheCollector builds a result of several arena chunks'
// IDs, then reuses its collector (as the pool would) for other payloads, given
// whole and as a stream, and requires the first result unchanged: a result
// shares no memory the collector writes again.
func TestResultOutlivesTheCollector(t *testing.T) {
	p := diffProgramsByName(t)["named"]
	first := namedPayload(ids("a", 3*chunkSize/40, 40), ids("b", chunkSize/20, 40))
	want, err := p.evalReference(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	c := p.getCollector()
	parse := func(payload []byte, stream bool) *Result {
		t.Helper()
		var r io.Reader
		if stream {
			payload, r = nil, bytes.NewReader(payload)
		}
		if err := p.scan(p.query, payload, r, c); err != nil {
			t.Fatal(err)
		}
		res, err := c.finish()
		if err != nil {
			t.Fatal(err)
		}
		c.reset()
		return res
	}
	got := parse(first, false)
	if n := got.Segments[0].Add.Len(); n != 3*chunkSize/40 {
		t.Fatalf("%d members added", n)
	}
	for i := range 4 {
		parse(namedPayload(ids(fmt.Sprint("z", i), 4*chunkSize/40, 40), ids("q", chunkSize/30, 40)), i%2 == 1)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatal(firstDifference(want, got))
	}
}
