package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("parse", "parse --manifest FILE [--capability NAME] [--integration KEY] [--response] [PAYLOAD_FILE | -]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	capName := fs.String("capability", capability.SyncedSegment, "the parser to run: syncedSegment, trigger, approval.creationRequest,\n"+
		"approval.statusRequest, approval.postApplyRequest, approval.deletionRequest,\n"+
		"approval.memberListRequest, featureStore.validationRequest, or LIST/N.dynamicOptions for\n"+
		"the dynamicOptions of form variable N (from 0) of LIST: formVariables (the manifest's\n"+
		"top-level list), approval.environmentFormVariables, approval.approvalFormVariables or\n"+
		"featureStore.formVariables")
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
	if err := capability.Valid(*capName); err != nil {
		fmt.Fprintf(stderr, "segsync parse: %v\n", err)
		return 2
	}
	if *capName != capability.SyncedSegment {
		if *response {
			fmt.Fprintln(stderr, "segsync parse: --response is for syncedSegment only: the other parsers read a partner's answer and give no response")
			return 2
		}
		return parseCapability(*manifest, *capName, rest, stdin, stdout, stderr)
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

	in, closeIn, err := payloadInput(rest, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	defer closeIn()
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

// payloadInput opens the payload file of parse's arguments, or stdin for none
// or "-".
func payloadInput(rest []string, stdin io.Reader) (io.Reader, func(), error) {
	if len(rest) == 0 || rest[0] == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// parseCapability runs a parser other than syncedSegment over one payload: it
// prints the result as JSON and exits 0, or {"error": {...}} and exits 1 on a
// payload error; a manifest that does not compile exits 2 with its problems.
func parseCapability(manifest, name string, rest []string, stdin io.Reader, stdout, stderr io.Writer) int {
	r := &manifestReport{File: manifest}
	r.data, r.Err = readManifest(manifest)
	if r.Err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", r.Err)
		return 2
	}
	prog, err := capability.CompileJSON(r.data, name)
	if err != nil {
		var ps spec.Problems
		if !errors.As(err, &ps) {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
		r.place(ps)
		r.writeText(stderr)
		return 2
	}
	r.place(prog.Warnings())
	r.writeText(stderr)
	in, closeIn, err := payloadInput(rest, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	defer closeIn()
	res, err := prog.ParseReader(in) // a read failure is a *parser.ReadError: exit 2
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
