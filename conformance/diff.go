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
	ptr, w, g, differ := firstDifference("", want, got)
	if !differ {
		return ""
	}
	if ptr == "" {
		return fmt.Sprintf("want %s, got %s", jsonText(w), jsonText(g))
	}
	return fmt.Sprintf("differs at %s: want %s, got %s\n  want: %s\n  got:  %s",
		jsonText(ptr), jsonText(w), jsonText(g), jsonText(want), jsonText(got))
}

// firstDifference walks two decoded JSON values in step and returns the pointer
// of the first place where they differ, with the values there. A missing member
// or element is shown as the text "(absent)".
func firstDifference(at string, want, got any) (string, any, any, bool) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return at, want, got, true
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
				return p, absent, gv, true
			case !gok:
				return p, wv, absent, true
			}
			if p, a, b, d := firstDifference(p, wv, gv); d {
				return p, a, b, d
			}
		}
		return "", nil, nil, false
	case []any:
		g, ok := got.([]any)
		if !ok {
			return at, want, got, true
		}
		for i := range max(len(w), len(g)) {
			p := at + "/" + strconv.Itoa(i)
			switch {
			case i >= len(w):
				return p, absent, g[i], true
			case i >= len(g):
				return p, w[i], absent, true
			}
			if p, a, b, d := firstDifference(p, w[i], g[i]); d {
				return p, a, b, d
			}
		}
		return "", nil, nil, false
	}
	switch got.(type) {
	case map[string]any, []any:
		return at, want, got, true
	}
	if want != got { // strings, json.Number (by text), bool, nil
		return at, want, got, true
	}
	return "", nil, nil, false
}

// absent stands for a member or element that one side lacks.
const absent = "(absent)"
