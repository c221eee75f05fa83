package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/segsync/segsync/conformance"
)

func runConformance(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("conformance", "conformance [--target URL] [--cases DIR] [--junit FILE] [--strict] [-v] | conformance --export-manifests DIR [--cases DIR]", stderr)
	target := fs.String("target", "", "base URL of a server speaking the synced-segment endpoint (default: the library, in process)")
	casesDir := fs.String("cases", "", "directory of case files in the conformance format (default: the bundled cases)")
	junit := fs.String("junit", "", "write a JUnit XML report to FILE")
	export := fs.String("export-manifests", "", "write each case's manifest to DIR/<key>/manifest.json and exit")
	token := fs.String("token", "", "with --target: the Authorization header to send")
	endpoint := fs.String("endpoint-path", conformance.DefaultEndpointPath, "with --target: the path before the integration key")
	strict := fs.Bool("strict", false, "report failures of cases with a known difference (SEMANTICS §9) as failures")
	verbose := fs.Bool("v", false, "list skipped cases and known differences too, with their reasons")
	timeout := fs.Duration("timeout", 10*time.Second, "with --target: the timeout of each request")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	cases, err := loadCases(*casesDir)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	if *export != "" {
		keys, err := conformance.ExportManifests(*export, cases)
		if err != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "wrote %d manifests under %s\n", len(keys), *export)
		return 0
	}

	var t conformance.Target = conformance.Library{}
	opts := conformance.Options{Strict: *strict}
	if *target != "" {
		t = &conformance.HTTP{BaseURL: *target, EndpointPath: *endpoint, Token: *token, Client: httpClient(*timeout)}
		opts.Parallel = 8
	} else {
		opts.Strict = true // segsync itself has no excuse for a known difference
	}
	outcomes, err := conformance.Execute(context.Background(), t, cases, opts)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	failed := 0
	for _, o := range outcomes {
		show := o.Status == conformance.Fail || *verbose && o.Status != conformance.Pass
		if o.Status == conformance.Fail {
			failed++
		}
		if show {
			fmt.Fprintf(stdout, "%s %s: %s\n", o.Status, o.Case.ID(), indent(o.Detail))
		}
	}
	fmt.Fprintf(stdout, "conformance: %d cases against %s\n", len(outcomes), t.Name())
	conformance.WriteSummary(stdout, outcomes)
	if *junit != "" {
		if err := writeJUnit(*junit, t.Name(), outcomes); err != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func loadCases(dir string) ([]*conformance.Case, error) {
	if dir == "" {
		return conformance.Bundled()
	}
	return conformance.LoadDir(dir)
}

func writeJUnit(path, target string, outcomes []conformance.Outcome) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := conformance.WriteJUnit(f, target, outcomes); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// indent puts the lines after the first of a multi-line detail under it.
func indent(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == '\n' {
			out = append(out, "    "...)
		}
	}
	return string(out)
}

func httpClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout}
}
