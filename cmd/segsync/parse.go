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
	fs := newFlagSet("parse", "parse --manifest FILE [--integration KEY] [--response] [PAYLOAD_FILE | -]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	key := fs.String("integration", "", "the integration key, which names segments as KEY-cohortId")
	response := fs.Bool("response", false, `also show the endpoint's response: print {"result" or "error": ..., "response": {"status": N, "body": ...}}`)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	switch {
	case *manifest == "":
		fmt.Fprintln(stderr, "segsync parse: --manifest is required")
		fs.Usage()
		return 2
	case len(rest) > 1:
		fmt.Fprintf(stderr, "segsync parse: one payload file at most, not %d\n", len(rest))
		fs.Usage()
		return 2
	}
	prog, report := compileManifest(*manifest, parser.WithIntegrationKey(*key))
	if report.Err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", report.Err)
		return 2
	}
	report.writeText(stderr) // the problems, or the warnings of a program that compiled
	if prog == nil {
		return 2
	}

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
	var res *parser.Result
	var resp *parser.Response
	if *response {
		resp, res, err = prog.RespondReader(in, parser.ResponseOptions{}, nil)
	} else {
		res, err = prog.ParseReader(in)
	}
	var perr *parser.Error
	if err != nil && !errors.As(err, &perr) {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	out := map[string]any{}
	if perr != nil {
		out["error"] = perr
	}
	if resp != nil {
		out["response"] = responseJSON(resp)
		if resp.RenderErr != nil {
			fmt.Fprintf(stderr, "segsync: the response template failed: %v\n", resp.RenderErr)
		}
	}
	switch {
	case perr != nil:
		writeJSON(stdout, out)
		return 1
	case resp != nil:
		out["result"] = res
		writeJSON(stdout, out)
	default:
		writeJSON(stdout, res)
	}
	return 0
}

// responseJSON shows a response as JSON: its status, and its body as JSON (null
// when there is none).
func responseJSON(r *parser.Response) any {
	body := json.RawMessage("null")
	if r.Body != nil {
		body = r.Body
	}
	return struct {
		Status int             `json:"status"`
		Body   json.RawMessage `json:"body"`
	}{r.Status, body}
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
