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

// Find returns the position of the value ptr names in the JSON document data. When ptr names nothing there, Find returns the position of the deepest
// place on the way to it that exists (the object a missing member belongs in),
// with exact false. When data is not valid JSON, Find returns the position of the
// syntax error, with exact false, whatever ptr is.
func Find(data []byte, ptr jsonpath.Pointer) (pos Position, exact bool) {
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	best, bestLen, found := 0, -1, -1
	for {
		off := int(dec.InputOffset())
		tok, err := dec.ReadToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *jsontext.SyntacticError
			if errors.As(err, &se) {
				return At(data, int(se.ByteOffset)), false
			}
			return At(data, int(dec.InputOffset())), false
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
		start := tokenStart(data, off)
		if p == ptr {
			found = start // a repeated name: the last one counts, as in the manifest
		}
		if len(p) > bestLen && (p == "" || strings.HasPrefix(string(ptr), string(p)+"/")) {
			best, bestLen = start, len(p)
		}
	}
	if found >= 0 {
		return At(data, found), true
	}
	return At(data, best), false
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
