package main

import (
	"fmt"
	"io"
	"os"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// compileFile loads and compiles the manifest at path. On failure it returns the
// problems (or the read error) for the caller to print.
func compileFile(path string, opts ...parser.Option) (*parser.Program, spec.Problems, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	m, err := spec.ParseManifest(data)
	if m == nil {
		return nil, err.(spec.Problems), nil
	}
	prog, err := parser.Compile(m, opts...)
	if err != nil {
		return nil, err.(spec.Problems), nil
	}
	return prog, prog.Warnings(), nil
}

// printProblems writes one line per problem, "FILE: /pointer: message", with
// warnings marked; with excerpts, the excerpt follows its problem.
func printProblems(w io.Writer, file string, ps spec.Problems, excerpts bool) {
	for _, p := range ps {
		ptr := p.Pointer
		if ptr == "" {
			ptr = "(root)"
		}
		sev := ""
		if p.Severity == spec.SeverityWarning {
			sev = "warning: "
		}
		fmt.Fprintf(w, "%s: %s: %s%s\n", file, ptr, sev, p.Message)
		if excerpts && p.Excerpt != "" {
			fmt.Fprintln(w, p.Excerpt)
		}
	}
}
