package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/internal/jsonloc"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
	"github.com/segsync/segsync/spec"
)

// maxManifestBytes bounds a manifest file, as serve bounds it: the framework's
// largest is a few kilobytes, and a larger file is refused before it is read
// whole.
const maxManifestBytes = server.MaxManifestBytes

// readManifest reads a manifest file, refusing one past maxManifestBytes.
func readManifest(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory: give a manifest file, or use check, which takes directories", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxManifestBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes: not a manifest", path, maxManifestBytes)
	}
	return data, nil
}

// manifestReport is what the command line says about one manifest file: its
// problems (warnings of a program that compiled included), placed in the file.
type manifestReport struct {
	File     string
	data     []byte
	Problems spec.Problems // in the order of their places in the file
	pos      []jsonloc.Position
	Err      error // the file could not be read
}

// compileManifest reads and compiles a manifest file, and reports on it.
func compileManifest(path string, opts ...parser.Option) (*parser.Program, *manifestReport) {
	r := &manifestReport{File: path}
	r.data, r.Err = readManifest(path)
	if r.Err != nil {
		return nil, r
	}
	prog, err := parser.CompileJSON(r.data, opts...)
	if err != nil {
		var ps spec.Problems
		if !errors.As(err, &ps) {
			r.Err = err
			return nil, r
		}
		r.place(ps)
		return nil, r
	}
	r.place(prog.Warnings())
	return prog, r
}

// checkManifest reads a manifest file and checks every capability it has
// (capability.Check), its template files read from the manifest's folder.
func checkManifest(path string) *manifestReport {
	r := &manifestReport{File: path}
	r.data, r.Err = readManifest(path)
	if r.Err != nil {
		return r
	}
	m, err := spec.ParseManifest(r.data)
	if m == nil {
		var ps spec.Problems
		if !errors.As(err, &ps) {
			r.Err = err
			return r
		}
		r.place(ps)
		return r
	}
	r.place(capability.Check(m, os.DirFS(filepath.Dir(path))))
	return r
}

// place finds where each problem sits in the file: the manifest value its pointer
// names (or the object it is missing from), or the syntax error of a manifest that
// is not JSON; and orders the problems by their places.
func (r *manifestReport) place(ps spec.Problems) {
	type placed struct {
		p   *spec.Problem
		pos jsonloc.Position
	}
	ptrs := make([]jsonpath.Pointer, len(ps))
	for i, p := range ps {
		ptrs[i] = jsonpath.Pointer(p.Pointer)
	}
	found := jsonloc.FindAll(r.data, ptrs) // one pass over the manifest for all
	all := make([]placed, len(ps))
	for i, p := range ps {
		all[i] = placed{p, found[i].Position}
	}
	slices.SortStableFunc(all, func(a, b placed) int { return a.pos.Offset - b.pos.Offset })
	for _, a := range all {
		r.Problems = append(r.Problems, a.p)
		r.pos = append(r.pos, a.pos)
	}
}

// counts returns the numbers of errors and warnings, an unreadable file counting
// as an error.
func (r *manifestReport) counts() (errs, warns int) {
	if r.Err != nil {
		return 1, 0
	}
	return len(r.Problems.Errors()), len(r.Problems.Warnings())
}

// writeText prints each problem as "FILE:LINE:COL: severity: message [code]", then
// its manifest pointer, the manifest line with a caret under the place, and the
// excerpt of a template or matcher the problem carries.
func (r *manifestReport) writeText(w io.Writer) {
	if r.Err != nil {
		fmt.Fprintf(w, "%s: error: %v\n", r.File, r.Err)
		return
	}
	for i, p := range r.Problems {
		pos := r.pos[i]
		sev := "error"
		if p.Severity == spec.SeverityWarning {
			sev = "warning"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", r.File, pos.Line, pos.Column, sev, p.Message, p.Code)
		ptr := p.Pointer
		if ptr == "" {
			ptr = `"" (the whole manifest)`
		}
		fmt.Fprintf(w, "    at %s\n", ptr)
		fmt.Fprintf(w, "%s\n", prefixLines(caret.Excerpt(string(r.data), pos.Offset, ""), fmt.Sprintf("%6d | ", pos.Line), "       | "))
		if p.Excerpt != "" {
			fmt.Fprintf(w, "%s\n", prefixLines(p.Excerpt, "    ", "    "))
		}
	}
}

// prefixLines prefixes the first line of s with first and the others with rest.
func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = rest + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// problemJSON is a problem in `check --format json`.
type problemJSON struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Pointer  string `json:"pointer"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Offset   int    `json:"offset"`
	Message  string `json:"message"`
}

// reportJSON is one manifest file in `check --format json`.
type reportJSON struct {
	File     string        `json:"file"`
	Error    string        `json:"error,omitempty"`
	Problems []problemJSON `json:"problems"`
}

func (r *manifestReport) json() reportJSON {
	out := reportJSON{File: r.File, Problems: []problemJSON{}}
	if r.Err != nil {
		out.Error = r.Err.Error()
		return out
	}
	for i, p := range r.Problems {
		pos := r.pos[i]
		sev := "error"
		if p.Severity == spec.SeverityWarning {
			sev = "warning"
		}
		out.Problems = append(out.Problems, problemJSON{sev, string(p.Code), p.Pointer, pos.Line, pos.Column, pos.Offset, p.Message})
	}
	return out
}
