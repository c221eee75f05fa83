package jsonscan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/go-cmp/cmp"
	"github.com/segsync/segsync/jsonvalue"
)

// val is a delivered value as the tests compare it.
type val struct {
	Kind Kind
	Text string
}

// scope is what a consumer keeps: the values of slots, and the elements of Each
// arrays, at the top level or inside one element.
type scope struct {
	Values map[int]val
	Arrays map[int][]*scope
}

func newScope() *scope { return &scope{Values: map[int]val{}, Arrays: map[int][]*scope{}} }

// recorder is the reference consumer of the event contract: it keeps the last value
// of every slot, forgets on Reset, and collects elements per array. It checks that
// events arrive in a legal order.
type recorder struct {
	t      testing.TB
	owner  map[int]int // slot -> the Each slot whose elements it is relative to, or -1
	raw    map[int]bool
	root   *scope
	cur    map[int]*scope // Each slot -> the element being scanned
	events int
}

func newRecorder(t testing.TB, paths []Path) *recorder {
	r := &recorder{t: t, owner: map[int]int{}, raw: map[int]bool{}, root: newScope(), cur: map[int]*scope{}}
	var walk func(ps []Path, owner int)
	walk = func(ps []Path, owner int) {
		for _, p := range ps {
			r.owner[p.Slot] = owner
			r.raw[p.Slot] = p.Raw
			walk(p.Elements, p.Slot)
		}
	}
	walk(paths, -1)
	return r
}

func (r *recorder) scopeOf(slot int) *scope {
	o, ok := r.owner[slot]
	if !ok {
		r.t.Fatalf("event for unknown slot %d", slot)
	}
	if o == -1 {
		return r.root
	}
	sc := r.cur[o]
	if sc == nil {
		r.t.Fatalf("event for slot %d outside an element of array %d", slot, o)
	}
	return sc
}

func (r *recorder) Capture(slot int, kind Kind, text []byte) error {
	r.events++
	v := val{Kind: kind, Text: string(text)}
	if r.raw[slot] {
		v.Text = normalize(r.t, text)
	} else if kind == Object || kind == Array {
		if text != nil {
			r.t.Fatalf("slot %d: non-raw %v capture with text %q", slot, kind, text)
		}
	}
	sc := r.scopeOf(slot)
	delete(sc.Arrays, slot)
	sc.Values[slot] = v
	return nil
}

func (r *recorder) Overflow(slot int, kind Kind, n int64) error {
	r.t.Fatalf("slot %d: overflow of a %v of %d bytes under the default limit", slot, kind, n)
	return nil
}

func (r *recorder) Reset(slot int) error {
	r.events++
	sc := r.scopeOf(slot)
	delete(sc.Values, slot)
	delete(sc.Arrays, slot)
	return nil
}

func (r *recorder) BeginArray(slot int) error {
	r.events++
	sc := r.scopeOf(slot)
	if _, ok := sc.Arrays[slot]; ok {
		r.t.Fatalf("BeginArray(%d) again without Reset", slot)
	}
	delete(sc.Values, slot)
	sc.Arrays[slot] = []*scope{}
	return nil
}

func (r *recorder) BeginElement(slot, index int) error {
	r.events++
	sc := r.scopeOf(slot)
	arr, ok := sc.Arrays[slot]
	if !ok {
		r.t.Fatalf("BeginElement(%d, %d) outside BeginArray", slot, index)
	}
	if index != len(arr) {
		r.t.Fatalf("BeginElement(%d, %d), want index %d", slot, index, len(arr))
	}
	if r.cur[slot] != nil {
		r.t.Fatalf("BeginElement(%d, %d) inside an element", slot, index)
	}
	e := newScope()
	sc.Arrays[slot] = append(arr, e)
	r.cur[slot] = e
	return nil
}

func (r *recorder) EndElement(slot, index int) error {
	r.events++
	if r.cur[slot] == nil {
		r.t.Fatalf("EndElement(%d, %d) outside an element", slot, index)
	}
	r.cur[slot] = nil
	return nil
}

func (r *recorder) EndArray(slot int) error {
	r.events++
	if r.cur[slot] != nil {
		r.t.Fatalf("EndArray(%d) inside an element", slot)
	}
	return nil
}

// normalize re-encodes a raw JSON value with duplicates resolved, for comparison.
func normalize(t testing.TB, raw []byte) string {
	v, err := jsonvalue.Decode(raw, 100000)
	if err != nil {
		t.Fatalf("raw capture %q is not valid JSON: %v", raw, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// evalPointer evaluates tokens on a decoded tree as SEMANTICS §3 says.
func evalPointer(v any, tokens []string) (any, bool) {
	for _, tok := range tokens {
		switch x := v.(type) {
		case *jsonvalue.Object:
			var ok bool
			if v, ok = x.Get(tok); !ok {
				return nil, false
			}
		case []any:
			i, ok := arrayIndex(tok)
			if !ok || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// treeWalk computes what a consumer of a correct scanner ends with, from a tree.
func treeWalk(t testing.TB, paths []Path, v any) *scope {
	sc := newScope()
	for _, p := range paths {
		x, ok := evalPointer(v, p.Tokens)
		if !ok {
			continue
		}
		if arr, isArr := x.([]any); isArr && p.Each {
			elems := []*scope{}
			for _, e := range arr {
				elems = append(elems, treeWalk(t, p.Elements, e))
			}
			sc.Arrays[p.Slot] = elems
			delete(sc.Values, p.Slot)
			continue
		}
		v := treeVal(t, x, p.Raw)
		if p.Each {
			v.Text = "" // an Each slot's value that is not an array comes with no text
		}
		sc.Values[p.Slot] = v
	}
	return sc
}

func treeVal(t testing.TB, x any, raw bool) val {
	var v val
	switch x := x.(type) {
	case nil:
		v = val{Null, "null"}
	case bool:
		v = val{False, "false"}
		if x {
			v = val{True, "true"}
		}
	case string:
		v = val{String, x}
	case jsonvalue.Number:
		v = val{Number, string(x)}
	case []any:
		v = val{Kind: Array}
	case *jsonvalue.Object:
		v = val{Kind: Object}
	default:
		t.Fatalf("unexpected tree value %T", x)
	}
	if raw {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		v.Text = string(b)
	}
	return v
}

// strictValid is the verdict of jsontext, the strict validator we must agree with.
func strictValid(data []byte) bool {
	return jsontext.Value(data).IsValid(jsontext.AllowDuplicateNames(true))
}

var queryCache sync.Map // string -> *Query

// cachedQuery compiles paths with a depth limit of 500 and buffer size n, once.
func cachedQuery(t testing.TB, paths []Path, n int) *Query {
	key := fmt.Sprintf("%p/%d/%d", unsafe.SliceData(paths), len(paths), n)
	if q, ok := queryCache.Load(key); ok {
		return q.(*Query)
	}
	q, err := Compile(paths, WithMaxDepth(500), WithBufferSize(n))
	if err != nil {
		t.Fatal(err)
	}
	queryCache.Store(key, q)
	return q
}

// testScanners are the Scanners scanBoth uses, each across queries and payloads.
var testScanners = sync.Pool{New: func() any { return new(Scanner) }}

// scanBoth scans data with q over a []byte and over readers with small buffers, and
// returns the []byte result; it fails t when the two paths disagree.
func scanBoth(t testing.TB, paths []Path, data []byte, bufSizes ...int) (*scope, error) {
	t.Helper()
	q := cachedQuery(t, paths, 0)
	r := newRecorder(t, paths)
	scanErr := q.Scan(data, r)
	// ScanWith, with a Scanner that earlier scans of any query used.
	sc := testScanners.Get().(*Scanner)
	rw := newRecorder(t, paths)
	errW := q.ScanWith(sc, data, rw)
	testScanners.Put(sc)
	if fmt.Sprint(errW) != fmt.Sprint(scanErr) || fmt.Sprintf("%T", errW) != fmt.Sprintf("%T", scanErr) {
		t.Fatalf("ScanWith error %v, Scan error %v", errW, scanErr)
	}
	if d := cmp.Diff(r.root, rw.root); scanErr == nil && d != "" {
		t.Fatalf("ScanWith result differs from Scan (-scan +with):\n%s", d)
	}
	for _, n := range bufSizes {
		qn := cachedQuery(t, paths, n)
		rn := newRecorder(t, paths)
		var rd io.Reader = bytes.NewReader(data)
		switch n % 4 {
		case 1:
			rd = iotest.OneByteReader(rd)
		case 2:
			rd = iotest.DataErrReader(rd)
		case 3:
			rd = iotest.HalfReader(rd)
		}
		var errN error
		if n%2 == 0 { // and ScanReaderWith, as above
			sc := testScanners.Get().(*Scanner)
			errN = qn.ScanReaderWith(sc, rd, rn)
			testScanners.Put(sc)
		} else {
			errN = qn.ScanReader(rd, rn)
		}
		if (errN == nil) != (scanErr == nil) || fmt.Sprintf("%T", errN) != fmt.Sprintf("%T", scanErr) {
			t.Fatalf("buffer %d: ScanReader error %v, Scan error %v", n, errN, scanErr)
		}
		if scanErr == nil {
			if d := cmp.Diff(r.root, rn.root); d != "" {
				t.Fatalf("buffer %d: ScanReader result differs from Scan (-scan +reader):\n%s", n, d)
			}
		}
	}
	return r.root, scanErr
}

func assertScope(t testing.TB, want, got *scope) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-tree +scan):\n%s", d)
	}
}
