package conformance

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/segsync/segsync/jsonpath"
)

// diffJSON compares two values by their JSON encoding and describes the first
// difference as diffValues does; "" when they encode to equal JSON.
func diffJSON(want, got any) string {
	w, err := roundTrip(want)
	if err != nil {
		return fmt.Sprintf("the wanted value is not JSON: %v", err)
	}
	g, err := roundTrip(got)
	if err != nil {
		return fmt.Sprintf("the value got is not JSON: %v", err)
	}
	return diffValues(w, g)
}

func roundTrip(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeBody(b)
}

// diffValues compares two decoded JSON values (numbers as json.Number, compared
// by their text) and describes the first difference, in document order, as
// JSON: the pointer where they differ, the wanted and the got value there, then
// both whole values. It returns "" when they are equal.
func diffValues(want, got any) string {
	ds := DiffJSONValues(want, got, nil)
	if len(ds) == 0 {
		return ""
	}
	d := ds[0]
	w, g := d.Want, d.Got
	if d.WantAbsent {
		w = absent
	}
	if d.GotAbsent {
		g = absent
	}
	if d.Pointer == "" {
		return fmt.Sprintf("want %s, got %s", jsonText(w), jsonText(g))
	}
	return fmt.Sprintf("differs at %s: want %s, got %s\n  want: %s\n  got:  %s",
		jsonText(d.Pointer), jsonText(w), jsonText(g), jsonText(want), jsonText(got))
}

// JSONDifference is one place where two decoded JSON values differ: its pointer,
// and the value of each side there, or the side's lack of a member or element
// there.
type JSONDifference struct {
	Pointer               string
	Want, Got             any
	WantAbsent, GotAbsent bool
}

// DiffJSONValues walks two decoded JSON values in step (objects by member name,
// arrays by index; numbers as json.Number, compared by their text) and lists
// every place where they differ, in document order: a member or element one side
// lacks, or a value of another type or another scalar. Places at pointers for
// which skip reports true are not compared; skip may be nil.
func DiffJSONValues(want, got any, skip func(ptr string) bool) []JSONDifference {
	var out []JSONDifference
	diffAt("", want, got, skip, &out)
	return out
}

func diffAt(at string, want, got any, skip func(string) bool, out *[]JSONDifference) {
	if skip != nil && skip(at) {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			wv, wok := w[k]
			gv, gok := g[k]
			p := at + "/" + jsonpath.EscapeToken(k)
			switch {
			case !wok:
				*out = append(*out, JSONDifference{Pointer: p, WantAbsent: true, Got: gv})
			case !gok:
				*out = append(*out, JSONDifference{Pointer: p, Want: wv, GotAbsent: true})
			default:
				diffAt(p, wv, gv, skip, out)
			}
		}
		return
	case []any:
		g, ok := got.([]any)
		if !ok {
			break
		}
		for i := range max(len(w), len(g)) {
			p := at + "/" + strconv.Itoa(i)
			switch {
			case i >= len(w):
				*out = append(*out, JSONDifference{Pointer: p, WantAbsent: true, Got: g[i]})
			case i >= len(g):
				*out = append(*out, JSONDifference{Pointer: p, Want: w[i], GotAbsent: true})
			default:
				diffAt(p, w[i], g[i], skip, out)
			}
		}
		return
	}
	switch got.(type) {
	case map[string]any, []any:
		*out = append(*out, JSONDifference{Pointer: at, Want: want, Got: got})
		return
	}
	if want != got { // strings, json.Number (by text), bool, nil, or another type
		*out = append(*out, JSONDifference{Pointer: at, Want: want, Got: got})
	}
}

// absent stands for a member or element that one side lacks.
const absent = "(absent)"
