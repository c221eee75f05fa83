package jsonscan

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// flatQueries are queries whose array elements are read by flat (state.flat),
// beside fastPathQueries' own: one whose IDs are held to 6 bytes of JSON text
// (longer ones are Overflows), and one whose element 2 is at a state of its
// own (an index path into the array, so that lastIdx is 2).
var flatQueries = [][]Path{
	{
		each(3, []Path{{Tokens: []string{"userId"}, Slot: 30, MaxLen: 6}, p(31, "value")}, "batch"),
	},
	{
		p(2, "batch", "2", "userId"),
		each(3, []Path{p(30, "userId"), p(31, "value")}, "batch"),
	},
}

// TestFlatStates checks which states flat reads: the elements of the
// partners' member arrays, and no state whose values are not all scalars for
// one plain capture.
func TestFlatStates(t *testing.T) {
	for _, c := range []struct {
		paths []Path
		array []string // the array's tokens
		flat  bool
	}{
		{fastPathQueries[0], []string{"batch"}, true},
		{fastPathQueries[1], []string{"parameters", "members"}, true}, // one key
		{flatQueries[0], []string{"batch"}, true},
		{[]Path{each(3, []Path{p(30, "user", "id")}, "batch")}, []string{"batch"}, false},
		{[]Path{each(3, []Path{raw(30, "userId")}, "batch")}, []string{"batch"}, false},
		{[]Path{each(3, []Path{p(30, "userId"), p(31, "userId")}, "batch")}, []string{"batch"}, false},
		{[]Path{each(3, []Path{each(30, nil, "userIds")}, "batch")}, []string{"batch"}, false},
		{[]Path{each(3, []Path{p(30), p(31, "userId")}, "batch")}, []string{"batch"}, false},
	} {
		q, err := Compile(c.paths)
		if err != nil {
			t.Fatal(err)
		}
		st := q.root
		for _, tok := range c.array {
			st, _ = st.lookup([]byte(tok))
		}
		if elem := st.elem; elem.flat != c.flat {
			t.Errorf("%v: the element's state is flat %v, want %v", c.paths, elem.flat, c.flat)
		}
	}
}

// TestFlatObjects checks flat against the careful path where it reads an
// object whole and where it must give the object back to members: repeated
// names, escaped and non-ASCII names, a value a path needs that is an object
// or an array, whitespace, values longer than their limit, an element at a
// state of its own after the ones flat reads, invalid JSON at each kind of
// place, and objects that are not array elements.
func TestFlatObjects(t *testing.T) {
	docs := []string{
		`{"batch":[{"userId":"a","value":true},{"userId":"b","value":false,"x":[1,{"y":2}]},{"value":true,"userId":3}]}`,
		`{"batch":[{"userId":"a","value":true},{"userId":"b","userId":"c","value":true},{"userId":"d","value":true}]}`,
		`{"batch":[{"userId":"a","x":1,"userId":"b"},{"userId":"c"}]}`,
		`{"batch":[{"us\u0065rId":"a","value":true},{"userId":"b","value":true}]}`,
		`{"batch":[{"名前":"山田","userId":"a","value":true},{"userId":"\u00e9\ud83d\ude00","value":true}]}`,
		`{"batch":[{"userId":{"a":1},"value":true},{"userId":["b"],"value":true},{"userId":"c","value":{}}]}`,
		"{\"batch\":[ {\"userId\" : \"a\" , \"value\":\ttrue } , {\n\"userId\":\"b\",\"value\" :false}\r\n]}",
		`{"batch":[{"userId":"abcd","value":true},{"userId":"abcde","value":true},{"userId":12345678,"value":true},{"userId":"a\"b","value":null}]}`,
		`{"batch":[{"userId":"a"},{"userId":"b"},{"userId":"c","x":1},{"userId":"d"},{"userId":"e"}]}`,
		`{"batch":[{"userId":"a","value":tru}]}`,
		`{"batch":[{"userId":"a" "value":true}]}`,
		`{"batch":[{"userId":"a","value":true,}]}`,
		"{\"batch\":[{\"userId\":\"\x01\",\"value\":true}]}",
		"{\"batch\":[{\"userId\":\"a\",\"value\":true,\"x\":\"\xff\"}]}",
		`{"batch":[{"userId":"a","value":true},{"userId":"b","value":01}]}`,
		`{"batch":[{"userId":"a","value":true},{"userId":"b","value":1.}]}`,
		`{"batch":[{"userId":"a","x":{"y":[[[[[[1]]]]]]}},{"userId":"b"}]}`,
		`{"batch":{"userId":"a","value":true}}`,
		`{"parameters":{"members":[{"distinct_id":"a","k":"v"},{"k":"v","distinct_id":"b"}]},"action":"add"}`,
	}
	for _, doc := range docs {
		checkFastVsCareful(t, []byte(doc))
		checkFlatQueries(t, []byte(doc))
	}
}

// checkFlatQueries is checkFastVsCareful for flatQueries.
func checkFlatQueries(t *testing.T, data []byte) {
	t.Helper()
	for qi, paths := range flatQueries {
		for _, n := range []int{0, 1, 16} {
			fast, careful := cachedQuery(t, paths, n), carefulQuery(t, paths, 500, n)
			want := scanLog(careful, data, n > 0, false)
			for _, step := range []bool{false, true} {
				if got := scanLog(fast, data, n > 0, step); got != want {
					t.Fatalf("flat query %d, buffer %d, stepper %v: %q\nfast:    %s\ncareful: %s", qi, n, step, data, got, want)
				}
			}
		}
	}
}

// TestFlatGivesUp checks objects flat gives up on, at their first member or
// after values it delivered, read on by members, which must neither deliver
// a value again nor miss a repeat: an escaped name (one a path needs among
// them), and, over a reader with a small window, objects that cross the
// window's end (where flat must have run too).
func TestFlatGivesUp(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"batch":[{"x":0}`)
	for i := range 40 {
		switch i % 4 {
		case 0:
			b.WriteString(`,{"us\u0065rId":"a","value":true}`)
		case 1:
			b.WriteString(`,{"userId":"b","us\u0065rId":"c","value":false}`)
		case 2:
			b.WriteString(`,{"value":true,"x":1,"\u0078":2,"userId":"d"}`)
		default:
			b.WriteString(`,{"userId":"e","value":true}`)
		}
	}
	b.WriteString(`]}`)
	checkFastVsCareful(t, []byte(b.String()))
	checkFlatQueries(t, []byte(b.String()))

	doc := bytes.Repeat([]byte(`{"userId":"0123456789","value":true,"x":[1,2,3]},`), 200)
	doc = append(append([]byte(`{"batch":[`), doc[:len(doc)-1]...), "]}"...)
	checkFastVsCareful(t, doc)
	var sc Scanner
	h := &flatPeek{s: &sc.s}
	if err := cachedQuery(t, fastPathQueries[0], 64).ScanReaderWith(&sc, bytes.NewReader(doc), h); err != nil {
		t.Fatal(err)
	}
	if !h.ran {
		t.Error("flat did not run over a reader")
	}
}

// flatPeek is a logger that notes, at the end of an array, whether flat ran.
type flatPeek struct {
	logger
	s   *scanner
	ran bool
}

func (h *flatPeek) EndArray(slot int) error {
	h.ran = h.s.flatRead.st != nil
	return h.logger.EndArray(slot)
}

// TestFlatEightKeys checks an object whose members a path needs are as many
// as a flat state has at most, all of them present, in any order.
func TestFlatEightKeys(t *testing.T) {
	var elems []Path
	var names []string
	for i := range maxFlatKeys {
		name := fmt.Sprintf("k%d", i)
		elems, names = append(elems, p(30+i, name)), append(names, name)
	}
	paths := []Path{each(3, elems, "batch")}
	q, err := Compile(paths)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := q.root.lookup([]byte("batch")); !st.elem.flat {
		t.Fatal("the element's state is not flat")
	}
	obj := func(order []string) string {
		var b strings.Builder
		for i, n := range order {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"%s":"v%d"`, n, i)
		}
		return "{" + b.String() + "}"
	}
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	doc := []byte(`{"batch":[` + obj(names) + "," + obj(reversed) + "," + obj(names[:3]) + "]}")
	fast, careful := cachedQuery(t, paths, 0), carefulQuery(t, paths, 500, 0)
	want := scanLog(careful, doc, false, false)
	for _, step := range []bool{false, true} {
		if got := scanLog(fast, doc, false, step); got != want {
			t.Fatalf("stepper %v:\nfast:    %s\ncareful: %s", step, got, want)
		}
	}
	if n := strings.Count(want, "C"); n != 2*maxFlatKeys+3 {
		t.Fatalf("%d captures, want %d: %s", n, 2*maxFlatKeys+3, want)
	}
}
