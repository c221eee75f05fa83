package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/payloadgen"
)

func runExample(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("example", "example --manifest FILE [--integration KEY] [--members N] [--remove] [--seed N]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	key := fs.String("integration", "", "the integration key, which names segments as KEY-cohortId")
	members := fs.Int("members", 2, "how many members the payload carries")
	remove := fs.Bool("remove", false, "make every member a removal (false in boolean mode, a non-matching action, the remove array)")
	seed := fs.Uint64("seed", 1, "the seed of the generated values: the same seed gives the same payload")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *manifest == "" || len(rest) > 0 || *members < 0 {
		fs.Usage()
		return 2
	}
	shape, _, code := loadShape(*manifest, *key, stderr)
	if shape == nil {
		return code
	}
	p, err := payloadgen.New(shape, *seed).Example(payloadgen.ExampleOptions{Members: *members, Remove: *remove})
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %s: %v\n", *manifest, err)
		return 2
	}
	stdout.Write(payloadgen.Indent(p.Bytes()))
	io.WriteString(stdout, "\n")
	return 0
}

// loadShape reads and compiles a manifest for the generator, and returns its
// shape and its bytes. When it does not compile, loadShape prints the problems as
// check does and returns a nil shape and the exit code 2; warnings are printed and
// the shape returned.
func loadShape(path, key string, stderr io.Writer) (*payloadgen.Shape, []byte, int) {
	data, err := readManifest(path)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return nil, nil, 2
	}
	report := &manifestReport{File: path, data: data}
	shape, err := payloadgen.NewShape(data, parser.WithIntegrationKey(key))
	var se *payloadgen.ShapeError
	switch {
	case errors.As(err, &se):
		report.place(se.Problems)
		report.writeText(stderr)
		return nil, nil, 2
	case err != nil:
		fmt.Fprintf(stderr, "segsync: %s: %v\n", path, err)
		return nil, nil, 2
	}
	report.place(shape.Program.Warnings())
	report.writeText(stderr)
	return shape, data, 0
}
