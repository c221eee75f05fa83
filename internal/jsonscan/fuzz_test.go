package jsonscan

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/segsync/segsync/jsonvalue"
)

// fuzzQueries are the fixed queries FuzzScan checks every input with.
var fuzzQueries = [][]Path{
	// The shape of a boolean-mode spec, with overlaps.
	{
		{Tokens: []string{"env"}, Slot: 1},
		{Tokens: []string{"a"}, Slot: 2},
		{Tokens: []string{"a", "b"}, Slot: 3},
		{Tokens: []string{"batch"}, Slot: 4, Each: true, Elements: []Path{
			{Tokens: []string{"id"}, Slot: 40},
			{Tokens: []string{"v"}, Slot: 41},
			{Tokens: []string{"c", "0"}, Slot: 42},
		}},
		{Tokens: []string{"batch", "0", "id"}, Slot: 5},
		{Tokens: []string{"a"}, Slot: 6, Raw: true},
		{Tokens: []string{"0"}, Slot: 7},
		{Tokens: []string{""}, Slot: 8},
	},
	// The root is the member array, members are their own IDs, and the root is raw.
	{
		{Slot: 1, Each: true, Elements: []Path{{Slot: 10}, {Tokens: []string{"id"}, Slot: 11}, {Slot: 12, Raw: true}}},
		{Slot: 2, Raw: true},
		{Tokens: []string{"1"}, Slot: 3},
	},
	// Named arrays, one nested in the other's element.
	{
		{Tokens: []string{"add"}, Slot: 1, Each: true, Elements: []Path{
			{Tokens: []string{"id"}, Slot: 10},
			{Tokens: []string{"sub"}, Slot: 11, Each: true, Elements: []Path{{Slot: 110}}},
		}},
		{Tokens: []string{"remove"}, Slot: 2, Each: true, Elements: []Path{{Tokens: []string{"id"}, Slot: 20}}},
		{Tokens: []string{"x", "y", "z"}, Slot: 3},
	},
}

// checkScan checks every property FuzzScan asserts on one input.
func checkScan(t *testing.T, data []byte) {
	valid := strictValid(data)
	var tree any
	if valid {
		var err error
		if tree, err = jsonvalue.Decode(data, 100000); err != nil {
			t.Fatalf("jsontext accepts but jsonvalue rejects %q: %v", data, err)
		}
	}
	for qi, paths := range fuzzQueries {
		got, err := scanBoth(t, paths, data, 1, 2, 3, 7, 16)
		var de *jsonvalue.DepthError
		if errors.As(err, &de) {
			continue // deeper than the test limit; jsontext's limit is higher
		}
		if (err == nil) != valid {
			t.Fatalf("query %d: Scan(%q) error %v, jsontext valid %v", qi, data, err, valid)
		}
		if err != nil {
			var se *jsonvalue.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("query %d: Scan(%q) error %T %v, want *jsonvalue.SyntaxError", qi, data, err, err)
			}
			if se.Offset < 0 || se.Offset > int64(len(data)) {
				t.Fatalf("query %d: error offset %d outside the input", qi, se.Offset)
			}
			continue
		}
		want := treeWalk(t, paths, tree)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("query %d: Scan(%q) (-tree +scan):\n%s", qi, data, d)
		}
		// A handler's error stops the scan at any event: the first, the middle
		// and the last.
		q := cachedQuery(t, paths, 0)
		var all logger
		if err := q.Scan(data, &all); err != nil {
			t.Fatalf("query %d: Scan with a logger: %v", qi, err)
		}
		for _, at := range []int{0, len(all.events) / 2, len(all.events) - 1} {
			if at >= len(all.events) || at < 0 {
				continue // no events
			}
			f := &failAt{at: at}
			if err := q.Scan(data, f); err != errStop || len(f.events) != at+1 {
				t.Fatalf("query %d: Scan(%q) failing at event %d (%s): error %v after %d events, want the handler's error after %d",
					qi, data, at, all.events[at], err, len(f.events), at+1)
			}
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range seedInputs() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan(t, data)
	})
}
