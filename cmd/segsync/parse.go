package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/segsync/segsync/parser"
)

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("parse", "parse --manifest FILE [--integration KEY] [PAYLOAD_FILE | -]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	key := fs.String("integration", "", "the integration key, which names segments as KEY-cohortId")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *manifest == "" || len(rest) > 1 {
		fs.Usage()
		return 2
	}
	prog, problems, err := compileFile(*manifest, parser.WithIntegrationKey(*key))
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	if prog == nil {
		printProblems(stderr, *manifest, problems, true)
		return 2
	}
	printProblems(stderr, *manifest, problems, true) // warnings

	in := stdin
	if len(rest) == 1 && rest[0] != "-" {
		f, err := os.Open(rest[0])
		if err != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	res, err := prog.ParseReader(in)
	var perr *parser.Error
	switch {
	case errors.As(err, &perr):
		writeJSON(stdout, map[string]any{"error": perr})
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	writeJSON(stdout, res)
	return 0
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
