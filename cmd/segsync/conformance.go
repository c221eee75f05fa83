package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/segsync/segsync/conformance"
)

func runConformance(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("conformance", "conformance [--cases DIR] [--junit FILE] [-v] [--target URL [--token T] [--endpoint-path P] [--timeout D] [--strict]] | conformance --export-manifests DIR [--cases DIR]", stderr)
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
	if msg := conformanceFlagConflict(fs); msg != "" {
		fmt.Fprintf(stderr, "segsync conformance: %s\n", msg)
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
		fmt.Fprintf(stdout, "wrote %d manifest(s) under %s\n", len(keys), *export)
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

// conformanceFlagConflict names a flag that the chosen mode would ignore, or a
// --target that is not an http(s) URL; "" when the flags make sense together.
func conformanceFlagConflict(fs *flag.FlagSet) string {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["export-manifests"] {
		for _, name := range []string{"target", "junit", "token", "endpoint-path", "timeout", "strict", "v"} {
			if set[name] {
				return "--" + name + " has no effect with --export-manifests, which only writes manifests"
			}
		}
		return ""
	}
	if !set["target"] {
		if set["strict"] {
			return "--strict applies to an HTTP target only: the library target is always strict"
		}
		for _, name := range []string{"token", "endpoint-path", "timeout"} {
			if set[name] {
				return "--" + name + " applies to an HTTP target only: give --target URL"
			}
		}
		return ""
	}
	u, err := url.Parse(fs.Lookup("target").Value.String())
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "--target wants an http:// or https:// URL with a host, such as http://127.0.0.1:3000"
	}
	return ""
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
