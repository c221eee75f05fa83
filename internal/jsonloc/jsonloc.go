// Package jsonloc finds where a JSON pointer's value sits in the text of a JSON
// document, as a byte offset and a line and column, so that diagnostics about a
// manifest can name FILE:LINE:COL and show the line. It serves diagnostics only:
// it rereads the document, which a program never does per payload.
package jsonloc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/segsync/segsync/jsonpath"
)

// Position is a place in a text.
type Position struct {
	Offset int // byte offset
	Line   int // 1-based line
	Column int // 1-based column, in characters
}

// At returns the position of byte offset off in data (clamped to data).
func At(data []byte, off int) Position {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return Position{Offset: off, Line: line, Column: utf8.RuneCount(before[start:]) + 1}
}

// Find returns the position of the value ptr names in the JSON document data. When
// ptr names nothing there, Find returns the position of the deepest place on the
// way to it that exists (the object a missing member belongs in), with exact
// false. When data is not valid JSON, Find returns the position of the syntax
// error, with exact false, whatever ptr is.
func Find(data []byte, ptr jsonpath.Pointer) (pos Position, exact bool) {
	found := FindAll(data, []jsonpath.Pointer{ptr})[0]
	return found.Position, found.Exact
}

// Found is where FindAll found one pointer: as Find returns it.
type Found struct {
	Position
	Exact bool
}

// FindAll is Find for several pointers, in one pass over data.
func FindAll(data []byte, ptrs []jsonpath.Pointer) []Found {
	// The start of the first and of the last occurrence of each pointer asked
	// for and of each place on the way to one (a repeated name: the last one
	// counts as the value, the first as a place on the way).
	type starts struct{ first, last int }
	seen := make(map[jsonpath.Pointer]*starts)
	wanted := make(map[jsonpath.Pointer]bool)
	for _, ptr := range ptrs {
		for p := ptr; ; p = parent(p) {
			wanted[p] = true
			if p == "" {
				break
			}
		}
	}
	out := make([]Found, len(ptrs))
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	for {
		off := int(dec.InputOffset())
		tok, err := dec.ReadToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			at := int(dec.InputOffset())
			var se *jsontext.SyntacticError
			if errors.As(err, &se) {
				at = int(se.ByteOffset)
			}
			for i := range out {
				out[i] = Found{Position: At(data, at)}
			}
			return out
		}
		kind := tok.Kind()
		if kind == '}' || kind == ']' {
			continue
		}
		// The container the token is in: for an opening bracket, the one below.
		depth := dec.StackDepth()
		if kind == '{' || kind == '[' {
			depth--
		}
		if k, n := dec.StackIndex(depth); k == '{' && n%2 == 1 {
			continue // a member's name: its value is the place
		}
		p := jsonpath.Pointer(dec.StackPointer())
		if !wanted[p] {
			continue
		}
		start := tokenStart(data, off)
		if st := seen[p]; st != nil {
			st.last = start
		} else {
			seen[p] = &starts{start, start}
		}
	}
	for i, ptr := range ptrs {
		if st := seen[ptr]; st != nil {
			out[i] = Found{Position: At(data, st.last), Exact: true}
			continue
		}
		out[i] = Found{Position: At(data, 0)} // nothing on the way: the start
		for p := ptr; p != ""; {
			p = parent(p)
			if st := seen[p]; st != nil {
				out[i] = Found{Position: At(data, st.first)}
				break
			}
		}
	}
	return out
}

// parent returns the pointer of the value that holds the one p names; "" for "".
func parent(p jsonpath.Pointer) jsonpath.Pointer {
	if i := strings.LastIndexByte(string(p), '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// tokenStart returns where the token read from offset off begins: past the
// whitespace and the ',' or ':' before it.
func tokenStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// Line returns the text of the line holding byte offset off, without its newline.
func Line(data []byte, off int) string {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	end := len(data)
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		end = off + i
	}
	return strings.TrimSuffix(string(data[start:end]), "\r")
}
