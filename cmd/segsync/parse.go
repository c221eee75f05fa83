package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
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
	var res *parser.Result
	var resp *parser.Response
	if *response {
		// Past the byte limit Respond answers too_large: read no more than that.
		limit := prog.Limits().MaxBytes
		if limit < math.MaxInt64 {
			limit++
		}
		payload, rerr := io.ReadAll(io.LimitReader(in, limit))
		if rerr != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", &parser.ReadError{Err: rerr})
			return 2
		}
		resp, res, err = prog.Respond(payload, parser.ResponseOptions{})
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
