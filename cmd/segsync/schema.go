package main

import (
	"io"
)

func runSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("schema", "schema --manifest FILE [--integration KEY]", stderr)
	manifest := fs.String("manifest", "", "the integration manifest (required)")
	key := fs.String("integration", "", "the integration key (the schema does not depend on it)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *manifest == "" || len(rest) > 0 {
		fs.Usage()
		return 2
	}
	shape, _, code := loadShape(*manifest, *key, stderr)
	if shape == nil {
		return code
	}
	stdout.Write(shape.Schema())
	io.WriteString(stdout, "\n")
	return 0
}
