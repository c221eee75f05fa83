package parser_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/segsync/segsync/parser"
)

// membersCases are lists of IDs that Members must hold and give back as they
// are, and marshal as encoding/json marshals them as a []string.
var membersCases = []struct {
	name string
	ids  []string
}{
	{"empty", nil},
	{"one", []string{"u1"}},
	{"several", []string{"a", "bb", "ccc", "a"}},
	{"an empty ID", []string{"a", "", "c"}},
	{"only an empty ID", []string{""}},
	{"escapes", []string{`"q"`, `back\slash`, "nl\n tab\t cr\r bs\b ff\f", "\x00\x01\x1f\x7f", "<a&b>", "\u2028 \u2029", "/"}},
	{"non-ASCII", []string{"café", "e\u0301", "😀", "日本語", "\uFFFD"}},
	{"invalid UTF-8", []string{"\xff", "a\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80"}},
	{"many", manyIDs(1000)},
}

// manyIDs returns n IDs of varied lengths.
func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("member-%d-%s", i, strings.Repeat("x", i%40))
	}
	return ids
}

// membersForms runs f once with the usual form of Members (end offsets) and
// once with the form of lists past 4 GiB (strings), reached by lowering the
// threshold to none.
func membersForms(t *testing.T, f func(t *testing.T)) {
	t.Run("offsets", f)
	t.Run("strings", func(t *testing.T) {
		parser.SetMaxMembersText(t, 0)
		f(t)
	})
}

func TestMembers(t *testing.T) {
	for _, tc := range membersCases {
		t.Run(tc.name, func(t *testing.T) {
			membersForms(t, func(t *testing.T) {
				want := tc.ids
				if want == nil {
					want = []string{}
				}
				m := parser.NewMembers(tc.ids...)
				if m.Len() != len(want) {
					t.Fatalf("Len = %d, want %d", m.Len(), len(want))
				}
				for i, id := range want {
					if got := m.At(i); got != id {
						t.Errorf("At(%d) = %q, want %q", i, got, id)
					}
				}
				var all []string
				for i, id := range m.All() {
					if i != len(all) {
						t.Fatalf("All: index %d after %d IDs", i, len(all))
					}
					all = append(all, id)
				}
				if !slices.Equal(all, want) {
					t.Errorf("All = %q, want %q", all, want)
				}
				if got := slices.Collect(m.Values()); !slices.Equal(got, want) {
					t.Errorf("Values = %q, want %q", got, want)
				}
				for range m.Values() {
					break // an iterator stops when told
				}
				for range m.All() {
					break
				}
				if got := m.Strings(); got == nil || !slices.Equal(got, want) {
					t.Errorf("Strings = %#v, want %#v", got, want)
				}
				for _, verb := range []string{"%v", "%q", "%s", "%#v", "%x"} {
					if got, want := fmt.Sprintf(verb, m), fmt.Sprintf(verb, want); got != want {
						t.Errorf("Sprintf(%q) = %s, want %s", verb, got, want)
					}
				}

				// JSON: the bytes of the []string, with and without HTML
				// escapes, and back to an equal list.
				for _, html := range []bool{true, false} {
					if got, want := encode(t, m, html), encode(t, want, html); got != want {
						t.Errorf("JSON (escape HTML %t) = %s, want %s", html, got, want)
					}
				}
				b, back := jsonRoundTrip[parser.Members](t, m)
				// Invalid UTF-8 comes back as U+FFFD, as with a []string.
				var wantBack []string
				if err := json.Unmarshal(b, &wantBack); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(back, parser.NewMembers(wantBack...)) {
					t.Errorf("unmarshaled %s: %q, want %q", b, back, wantBack)
				}
			})
		})
	}
}

// jsonRoundTrip returns v marshaled with encoding/json, and those bytes
// unmarshaled into a new T.
func jsonRoundTrip[T any](t *testing.T, v any) ([]byte, T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return b, back
}

// encode returns v as an encoding/json Encoder writes it.
func encode(t *testing.T, v any, escapeHTML bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMembersEqual(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want bool
	}{
		{"both empty", nil, []string{}, true},
		{"same", []string{"a", "bc"}, []string{"a", "bc"}, true},
		{"same text, cut elsewhere", []string{"a", "bc"}, []string{"ab", "c"}, false},
		{"other order", []string{"a", "b"}, []string{"b", "a"}, false},
		{"one more", []string{"a"}, []string{"a", ""}, false},
		{"empty and not", nil, []string{""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			membersForms(t, func(t *testing.T) {
				a, b := parser.NewMembers(tt.a...), parser.NewMembers(tt.b...)
				if a.Equal(b) != tt.want || b.Equal(a) != tt.want {
					t.Errorf("Equal = %t, want %t", a.Equal(b), tt.want)
				}
				if tt.want && !reflect.DeepEqual(a, b) {
					t.Errorf("equal lists %q differ under reflect.DeepEqual", a)
				}
			})
			// Lists in the two forms compare by their IDs.
			short := parser.NewMembers(tt.a...)
			parser.SetMaxMembersText(t, 0)
			long := parser.NewMembers(tt.b...)
			if short.Equal(long) != tt.want || long.Equal(short) != tt.want {
				t.Errorf("across the forms, Equal = %t, want %t", short.Equal(long), tt.want)
			}
		})
	}
}

func TestMembersUnmarshal(t *testing.T) {
	tests := []struct {
		json    string
		want    []string
		wantErr bool
	}{
		{json: `[]`},
		{json: `null`},
		{json: ` ["a", "\u00e9\ud83d\ude00", "\"<>&"] `, want: []string{"a", "é😀", `"<>&`}},
		{json: `[1]`, wantErr: true},
		{json: `{}`, wantErr: true},
		{json: `["a"`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			var m parser.Members
			err := json.Unmarshal([]byte(tt.json), &m)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want one: %t", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(m, parser.NewMembers(tt.want...)) {
				t.Errorf("got %q, want %q", m, tt.want)
			}
		})
	}
}

// TestMembersCanonical requires the lists Parse builds, on every path (a small
// payload's result, a few IDs in the block of the result's other strings, a
// block of their own; one segment or several), to be the lists NewMembers and
// json.Unmarshal make of the same IDs, under reflect.DeepEqual, in both forms.
func TestMembersCanonical(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n",
	  "addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":"/id","cohortIdPath":"/cid"}}}`)
	payload := func(add, remove []string) []byte {
		list := func(ids []string) string {
			var els []string
			for i, id := range ids {
				cid := ""
				if strings.HasPrefix(id, "o") {
					cid = fmt.Sprintf(`,"cid":"c%d"`, i%3)
				}
				els = append(els, fmt.Sprintf(`{"id":%s%s}`, quote(id), cid))
			}
			return "[" + strings.Join(els, ",") + "]"
		}
		return fmt.Appendf(nil, `{"e":"e","c":"c","n":"N","add":%s,"remove":%s}`, list(add), list(remove))
	}
	many := manyIDs(400)
	tests := []struct {
		name        string
		add, remove []string
	}{
		{"empty", nil, nil},
		{"small", []string{"u1", "u2"}, []string{"u3"}},
		{"small, removes only", nil, []string{"u3", "é"}},
		{"small, repeats", []string{"u1", "u1", "u2"}, []string{"u2"}},
		{"few", []string{"a", "b", "a", "c", "d", "e"}, []string{"f", "g"}},
		{"many", many[:300], append(many[300:], many[:10]...)},
		{"segments", []string{"o1", "a", "o2", "o3", "b", "o4"}, []string{"o5", "c"}},
		{"many segments", append(many[:200], "o1", "o2", "o3", "o4", "o5"), []string{"o6", "o7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			membersForms(t, func(t *testing.T) {
				res, err := prog.Parse(payload(tt.add, tt.remove))
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range res.Segments {
					for _, l := range []parser.Members{s.Add, s.Remove} {
						if want := parser.NewMembers(l.Strings()...); !reflect.DeepEqual(l, want) {
							t.Errorf("segment %s: %q is not in the form NewMembers makes", s.CohortID, l)
						}
					}
				}
				b, back := jsonRoundTrip[parser.Result](t, res)
				if !reflect.DeepEqual(res, &back) {
					t.Errorf("the result differs from its JSON unmarshaled: %s", b)
				}
			})
		})
	}
}
