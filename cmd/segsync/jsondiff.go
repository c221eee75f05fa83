package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/segsync/segsync/jsonpath"
)

// diffEntry is one place where two JSON documents differ.
type diffEntry struct {
	Pointer   string
	Want, Got string // JSON text, or "(absent)"
}

// jsonDiff compares two JSON documents as values (numbers by their text) and
// lists the places where they differ, in document order; a pointer in ignore
// must be present on both sides but its value is not compared.
func jsonDiff(want, got []byte, ignore map[string]bool) ([]diffEntry, error) {
	w, err := decodeJSON(want)
	if err != nil {
		return nil, err
	}
	g, err := decodeJSON(got)
	if err != nil {
		return nil, err
	}
	var out []diffEntry
	diffValues(w, g, "", ignore, &out)
	return out, nil
}

func decodeJSON(b []byte) (any, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

const absent = "(absent)"

func diffValues(w, g any, ptr string, ignore map[string]bool, out *[]diffEntry) {
	if ignore[ptr] {
		return
	}
	switch wv := w.(type) {
	case map[string]any:
		if gv, ok := g.(map[string]any); ok {
			keys := map[string]bool{}
			for k := range wv {
				keys[k] = true
			}
			for k := range gv {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				p := ptr + "/" + jsonpath.EscapeToken(k)
				a, inW := wv[k]
				b, inG := gv[k]
				switch {
				case !inW:
					*out = append(*out, diffEntry{p, absent, jsonText(b)})
				case !inG:
					*out = append(*out, diffEntry{p, jsonText(a), absent})
				default:
					diffValues(a, b, p, ignore, out)
				}
			}
			return
		}
	case []any:
		if gv, ok := g.([]any); ok {
			for i := 0; i < max(len(wv), len(gv)); i++ {
				p := ptr + "/" + strconv.Itoa(i)
				switch {
				case i >= len(wv):
					*out = append(*out, diffEntry{p, absent, jsonText(gv[i])})
				case i >= len(gv):
					*out = append(*out, diffEntry{p, jsonText(wv[i]), absent})
				default:
					diffValues(wv[i], gv[i], p, ignore, out)
				}
			}
			return
		}
	}
	if a, b := jsonText(w), jsonText(g); a != b {
		*out = append(*out, diffEntry{ptr, a, b})
	}
}

// walkJSON calls fn for every value of a decoded document with its pointer.
func walkJSON(v any, ptr string, fn func(string, any)) {
	fn(ptr, v)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walkJSON(x, ptr+"/"+jsonpath.EscapeToken(k), fn)
		}
	case []any:
		for i, x := range v {
			walkJSON(x, ptr+"/"+strconv.Itoa(i), fn)
		}
	}
}

func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSpace(b.String())
}
