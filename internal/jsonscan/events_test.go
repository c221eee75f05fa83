package jsonscan

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsonvalue"
)

// logger records events as short strings: C<slot>:<kind>:<text>,
// O<slot>:<kind>:<length>, R<slot>,
// BA<slot>, BE<slot>.<i>, EE<slot>.<i>, EA<slot>.
type logger struct{ events []string }

func (l *logger) add(f string, a ...any) error {
	l.events = append(l.events, fmt.Sprintf(f, a...))
	return nil
}
func (l *logger) Capture(slot int, k Kind, text []byte) error {
	return l.add("C%d:%v:%s", slot, k, text)
}
func (l *logger) Overflow(slot int, k Kind, n int64) error {
	return l.add("O%d:%v:%d", slot, k, n)
}
func (l *logger) Reset(slot int) error           { return l.add("R%d", slot) }
func (l *logger) BeginArray(slot int) error      { return l.add("BA%d", slot) }
func (l *logger) BeginElement(slot, i int) error { return l.add("BE%d.%d", slot, i) }
func (l *logger) EndElement(slot, i int) error   { return l.add("EE%d.%d", slot, i) }
func (l *logger) EndArray(slot int) error        { return l.add("EA%d", slot) }

// stepLogger is a logger that takes element boundaries as one call
// (ElementStepper) and logs them as the two events they stand for.
type stepLogger struct{ logger }

func (l *stepLogger) NextElement(slot, i int) error {
	_ = l.add("EE%d.%d", slot, i-1)
	return l.add("BE%d.%d", slot, i)
}

func p(slot int, tokens ...string) Path { return Path{Tokens: tokens, Slot: slot} }

func raw(slot int, tokens ...string) Path { return Path{Tokens: tokens, Slot: slot, Raw: true} }

func each(slot int, elems []Path, tokens ...string) Path {
	return Path{Tokens: tokens, Slot: slot, Each: true, Elements: elems}
}

// eventCases pin the event contract: which events, in which order.
var eventCases = []struct {
	name  string
	paths []Path
	in    string
	want  string // events joined by spaces
}{
	// Kinds and texts.
	{"string", []Path{p(1, "a")}, `{"a":"x"}`, `C1:string:x`},
	{"escapes decoded", []Path{p(1, "a")}, `{"a":"\"\\\/\b\f\n\r\t\u0041\u00e9"}`, "C1:string:\"\\/\b\f\n\r\tAé"},
	{"surrogate pair decoded", []Path{p(1, "a")}, `{"a":"\ud83d\ude00"}`, "C1:string:\U0001F600"},
	{"number literal kept", []Path{p(1, "a")}, `{"a":12345678901234567890}`, `C1:number:12345678901234567890`},
	{"float literal kept", []Path{p(1, "a")}, `{"a":1.0e-0}`, `C1:number:1.0e-0`},
	{"null", []Path{p(1, "a")}, `{"a":null}`, `C1:null:null`},
	{"true false", []Path{p(1, "a"), p(2, "b")}, `{"a":true,"b":false}`, `C1:true:true C2:false:false`},
	{"object kind only", []Path{p(1, "a")}, `{"a":{"x":[1]}}`, `C1:object:`},
	{"array kind only", []Path{p(1, "a")}, `{"a":[1,{}]}`, `C1:array:`},
	{"raw object", []Path{raw(1, "a")}, `{"a": {"x" : [1, "\u0041"]} }`, `C1:object:{"x" : [1, "\u0041"]}`},
	{"raw string", []Path{raw(1, "a")}, `{"a":"\u0041"}`, `C1:string:"\u0041"`},
	{"raw and decoded", []Path{raw(1, "a"), p(2, "a")}, `{"a":"\u0041"}`, `C1:string:"\u0041" C2:string:A`},
	{"raw root", []Path{raw(1)}, ` [1, 2] `, `C1:array:[1, 2]`},
	{"root scalar", []Path{p(1)}, ` "r" `, `C1:string:r`},
	// Pointer matching (SEMANTICS §3).
	{"exact key", []Path{p(1, "a")}, `{"A":1,"a ":2,"a":3}`, `C1:number:3`},
	{"escaped key matches", []Path{p(1, "a/b~c")}, `{"a\/b~c":1,"a\u002fb\u007ec":2}`, `C1:number:1 R1 C1:number:2`},
	{"empty key", []Path{p(1, "")}, `{"":1}`, `C1:number:1`},
	{"index", []Path{p(1, "1")}, `[10,11,12]`, `C1:number:11`},
	{"index 0", []Path{p(1, "0")}, `[10]`, `C1:number:10`},
	{"index out of range", []Path{p(1, "3")}, `[10,11,12]`, ``},
	{"leading zero index", []Path{p(1, "01")}, `[10,11]`, ``},
	{"dash never matches", []Path{p(1, "-")}, `[10,11]`, ``},
	{"signed index", []Path{p(1, "+1")}, `[10,11]`, ``},
	{"digit key on object", []Path{p(1, "01")}, `{"01":1}`, `C1:number:1`},
	{"dash key on object", []Path{p(1, "-")}, `{"-":1}`, `C1:number:1`},
	{"huge index", []Path{p(1, "99999999999999999999")}, `[1]`, ``},
	{"nothing inside scalar", []Path{p(1, "a", "b")}, `{"a":"b"}`, ``},
	{"nothing inside string", []Path{p(1, "0")}, `"abc"`, ``},
	{"key on array", []Path{p(1, "a")}, `[{"a":1}]`, ``},
	// Duplicates.
	{"duplicate scalar", []Path{p(1, "a")}, `{"a":1,"a":2}`, `C1:number:1 R1 C1:number:2`},
	{"duplicate resets below", []Path{p(1, "a"), p(2, "a", "b")}, `{"a":{"b":1},"a":{"c":2}}`,
		`C2:number:1 C1:object: R1 R2 C1:object:`},
	{"duplicate parent deep", []Path{p(1, "x", "y", "z")}, `{"x":{"y":{"z":1}},"x":1}`, `C1:number:1 R1`},
	{"duplicate inner", []Path{p(1, "x", "y")}, `{"x":{"y":1,"y":2}}`, `C1:number:1 R1 C1:number:2`},
	{"unrelated duplicate", []Path{p(1, "a")}, `{"b":1,"a":1,"b":2}`, `C1:number:1`},
	{"member array repeated", []Path{each(1, []Path{p(10, "id")}, "m")}, `{"m":[{"id":"a"}],"m":[{"id":"b"}]}`,
		`BA1 BE1.0 C10:string:a EE1.0 EA1 R1 BA1 BE1.0 C10:string:b EE1.0 EA1`},
	{"member array replaced by scalar", []Path{each(1, nil, "m")}, `{"m":[1],"m":7}`, `BA1 BE1.0 EE1.0 EA1 R1 C1:number:`},
	{"member array parent repeated", []Path{each(1, nil, "d", "m")}, `{"d":{"m":[]},"d":{}}`, `BA1 EA1 R1`},
	{"duplicate in element", []Path{each(1, []Path{p(10, "id")}, "m")}, `{"m":[{"id":1,"id":2}]}`,
		`BA1 BE1.0 C10:number:1 R10 C10:number:2 EE1.0 EA1`},
	{"duplicate resets index path", []Path{each(1, nil, "m"), p(2, "m", "0")}, `{"m":[5],"m":[]}`,
		`BA1 BE1.0 C2:number:5 EE1.0 EA1 R1 R2 BA1 EA1`},
	// Each.
	{"each elements", []Path{each(1, []Path{p(10, "id"), p(11, "on")}, "m")}, `{"m":[{"id":"a","on":true},{"on":false},"x"]}`,
		`BA1 BE1.0 C10:string:a C11:true:true EE1.0 BE1.1 C11:false:false EE1.1 BE1.2 EE1.2 EA1`},
	{"each element itself", []Path{each(1, []Path{p(10)}, "add")}, `{"add":["u1",2,null]}`,
		`BA1 BE1.0 C10:string:u1 EE1.0 BE1.1 C10:number:2 EE1.1 BE1.2 C10:null:null EE1.2 EA1`},
	{"each empty", []Path{each(1, nil, "m")}, `{"m":[]}`, `BA1 EA1`},
	{"empty object on a path", []Path{p(1, "a"), p(2, "a", "b")}, `{"a":{}}`, `C1:object:`},
	{"empty array on a path", []Path{raw(1, "a"), p(2, "a", "0")}, `{"a":[ ]}`, `C1:array:[ ]`},
	{"each not an array", []Path{each(1, nil, "m")}, `{"m":{"0":1}}`, `C1:object:`},
	{"each string", []Path{each(1, nil, "m")}, `{"m":"s"}`, `C1:string:`},
	{"each root", []Path{each(1, []Path{p(10, "id")})}, `[{"id":1}]`, `BA1 BE1.0 C10:number:1 EE1.0 EA1`},
	{"each with index path", []Path{each(1, []Path{p(10, "id")}, "b"), p(2, "b", "1", "c")}, `{"b":[{"id":1,"c":0},{"id":2,"c":3}]}`,
		`BA1 BE1.0 C10:number:1 EE1.0 BE1.1 C10:number:2 C2:number:3 EE1.1 EA1`},
	{"each and capture of same array", []Path{each(1, nil, "b"), raw(2, "b")}, `{"b":[1]}`, `BA1 BE1.0 EE1.0 EA1 C2:array:[1]`},
	{"two arrays", []Path{each(1, []Path{p(10)}, "add"), each(2, []Path{p(20)}, "remove")}, `{"remove":["r"],"add":["a"]}`,
		`BA2 BE2.0 C20:string:r EE2.0 EA2 BA1 BE1.0 C10:string:a EE1.0 EA1`},
	{"two each on one array", []Path{each(1, []Path{p(10)}, "m"), each(2, []Path{p(20)}, "m")}, `{"m":[0]}`,
		`BA1 BA2 BE1.0 BE2.0 C10:number:0 C20:number:0 EE2.0 EE1.0 EA1 EA2`},
	{"nested each", []Path{each(1, []Path{each(10, []Path{p(100)}, "s")}, "m")}, `{"m":[{"s":[1,2]}]}`,
		`BA1 BE1.0 BA10 BE10.0 C100:number:1 EE10.0 BE10.1 C100:number:2 EE10.1 EA10 EE1.0 EA1`},
	{"overlapping paths", []Path{p(1, "a"), p(2, "a", "b"), p(3, "a", "b", "c")}, `{"a":{"b":{"c":"x"}}}`,
		`C3:string:x C2:object: C1:object:`},
	{"same path twice", []Path{p(1, "a"), p(2, "a")}, `{"a":1}`, `C1:number:1 C2:number:1`},
}

func TestEvents(t *testing.T) {
	for _, c := range eventCases {
		t.Run(c.name, func(t *testing.T) {
			q := mustCompile(t, c.paths)
			var l logger
			if err := q.Scan([]byte(c.in), &l); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(l.events, " "); got != c.want {
				t.Errorf("events\n got: %s\nwant: %s", got, c.want)
			}
			var sl stepLogger // the same events through NextElement
			if err := q.Scan([]byte(c.in), &sl); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(sl.events, " "); got != c.want {
				t.Errorf("ElementStepper events\n got: %s\nwant: %s", got, c.want)
			}
			for _, n := range []int{1, 5} {
				var lr logger
				qr := mustCompile(t, c.paths, WithBufferSize(n))
				if err := qr.ScanReader(strings.NewReader(c.in), &lr); err != nil {
					t.Fatal(err)
				}
				if got := strings.Join(lr.events, " "); got != c.want {
					t.Errorf("ScanReader buffer %d events\n got: %s\nwant: %s", n, got, c.want)
				}
			}
			// The consumer's final state equals a tree walk.
			got, err := scanBoth(t, c.paths, []byte(c.in), 1, 2)
			if err != nil {
				t.Fatal(err)
			}
			tree, err := jsonvalue.Decode([]byte(c.in), 0)
			if err != nil {
				t.Fatal(err)
			}
			assertScope(t, treeWalk(t, c.paths, tree), got)
		})
	}
}

// failAt passes events to a logger and fails the scan at event number at.
type failAt struct {
	logger
	at int
}

var errStop = errors.New("stop")

func (f *failAt) check(err error) error {
	if len(f.events) == f.at+1 {
		return errStop
	}
	return err
}
func (f *failAt) Capture(slot int, k Kind, text []byte) error {
	return f.check(f.logger.Capture(slot, k, text))
}
func (f *failAt) Overflow(slot int, k Kind, n int64) error {
	return f.check(f.logger.Overflow(slot, k, n))
}
func (f *failAt) Reset(slot int) error           { return f.check(f.logger.Reset(slot)) }
func (f *failAt) BeginArray(slot int) error      { return f.check(f.logger.BeginArray(slot)) }
func (f *failAt) BeginElement(slot, i int) error { return f.check(f.logger.BeginElement(slot, i)) }
func (f *failAt) EndElement(slot, i int) error   { return f.check(f.logger.EndElement(slot, i)) }
func (f *failAt) EndArray(slot int) error        { return f.check(f.logger.EndArray(slot)) }

// TestHandlerErrorStops fails each event of every case in turn: the scan must stop
// there and return the handler's error unchanged, as Handler promises.
func TestHandlerErrorStops(t *testing.T) {
	for _, c := range eventCases {
		t.Run(c.name, func(t *testing.T) {
			var all logger // TestEvents checks these events
			if err := mustCompile(t, c.paths).Scan([]byte(c.in), &all); err != nil {
				t.Fatal(err)
			}
			want := all.events
			for at := range want {
				for _, n := range []int{0, 1, 5} {
					q := mustCompile(t, c.paths, WithBufferSize(n))
					scans := map[string]func(Handler) error{
						"Scan":       func(h Handler) error { return q.Scan([]byte(c.in), h) },
						"ScanReader": func(h Handler) error { return q.ScanReader(strings.NewReader(c.in), h) },
					}
					for name, scan := range scans {
						f := &failAt{at: at}
						if err := scan(f); err != errStop {
							t.Fatalf("%s, buffer %d, failing event %d (%s): error %v, want the handler's", name, n, at, want[at], err)
						}
						if got := strings.Join(f.events, " "); got != strings.Join(want[:at+1], " ") {
							t.Fatalf("%s, buffer %d, failing event %d: events\n got: %s\nwant: %s", name, n, at, got, strings.Join(want[:at+1], " "))
						}
					}
				}
			}
		})
	}
}
