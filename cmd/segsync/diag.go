package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/internal/caret"
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
	Problems []spec.Placed // in the order of their places in the file
	Err      error         // the file could not be read
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

// place places the problems in the file (Problems.Place): at the manifest value
// each pointer names (or the object it is missing from), or at the syntax error
// of a manifest that is not JSON.
func (r *manifestReport) place(ps spec.Problems) { r.Problems = ps.Place(r.data) }

// counts returns the numbers of errors and warnings, an unreadable file counting
// as an error.
func (r *manifestReport) counts() (errs, warns int) {
	if r.Err != nil {
		return 1, 0
	}
	for _, p := range r.Problems {
		if p.Severity == spec.SeverityWarning.String() {
			warns++
		} else {
			errs++
		}
	}
	return errs, warns
}

// writeText prints each problem as "FILE:LINE:COL: severity: message [code]", then
// its manifest pointer, the manifest line with a caret under the place, and the
// excerpt of a template or matcher the problem carries.
func (r *manifestReport) writeText(w io.Writer) {
	if r.Err != nil {
		fmt.Fprintf(w, "%s: error: %v\n", r.File, r.Err)
		return
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", r.File, p.Line, p.Column, p.Severity, p.Message, p.Code)
		ptr := p.Pointer
		if ptr == "" {
			ptr = `"" (the whole manifest)`
		}
		fmt.Fprintf(w, "    at %s\n", ptr)
		fmt.Fprintf(w, "%s\n", prefixLines(caret.Excerpt(string(r.data), p.Offset, ""), fmt.Sprintf("%6d | ", p.Line), "       | "))
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

// reportJSON is one manifest file in `check --format json`.
type reportJSON struct {
	File     string        `json:"file"`
	Error    string        `json:"error,omitempty"`
	Problems []spec.Placed `json:"problems"`
}

func (r *manifestReport) json() reportJSON {
	out := reportJSON{File: r.File, Problems: []spec.Placed{}}
	if r.Err != nil {
		out.Error = r.Err.Error()
		return out
	}
	out.Problems = append(out.Problems, r.Problems...)
	return out
}
