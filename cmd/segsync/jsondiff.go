package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/jsonpath"
)

// diffEntry is one place where two JSON documents differ.
type diffEntry struct {
	Pointer   string
	Want, Got string // JSON text, or "(absent)"
}

// jsonDiff compares two JSON documents as values (numbers by their text) and
// lists the places where they differ, in document order, as conformance does; a
// pointer in ignore must be present on both sides but its value is not compared.
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
	for _, d := range conformance.DiffJSONValues(w, g, func(ptr string) bool { return ignore[ptr] }) {
		e := diffEntry{Pointer: d.Pointer, Want: absent, Got: absent}
		if !d.WantAbsent {
			e.Want = jsonText(d.Want)
		}
		if !d.GotAbsent {
			e.Got = jsonText(d.Got)
		}
		out = append(out, e)
	}
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
