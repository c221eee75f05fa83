package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/segsync/segsync/conformance"
)

func runConformance(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("conformance", "conformance [--cases DIR] [--junit FILE] [-v] [--target URL [--token T] [--endpoint-path P] [--timeout D] [--recover-timeout D] [--profile NAME|FILE]] | conformance --export-manifests DIR [--cases DIR]", stderr)
	target := fs.String("target", "", "base URL of a server speaking the synced-segment endpoint (default: the library, in process)")
	casesDir := fs.String("cases", "", "directory of case files in the conformance format (default: the bundled cases)")
	junit := fs.String("junit", "", "write a JUnit XML report to FILE")
	export := fs.String("export-manifests", "", "write each case's manifest to DIR/<key>/manifest.json and exit")
	token := fs.String("token", "", "with --target: the Authorization header to send")
	endpoint := fs.String("endpoint-path", conformance.DefaultEndpointPath, "with --target: the path before the integration key")
	profile := fs.String("profile", "", "with --target: the known differences of the implementation under test, a bundled profile ("+strings.Join(conformance.BundledProfiles(), ", ")+") or a profile file; without it nothing is excused")
	verbose := fs.Bool("v", false, "list skipped cases, known differences and cases that are not observable too, with their reasons")
	timeout := fs.Duration("timeout", 5*time.Second, "with --target: each case's deadline")
	recoverTimeout := fs.Duration("recover-timeout", time.Minute, "with --target: how long to wait for a server that stopped answering")
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
		fmt.Fprintf(stdout, "wrote %s under %s\n", plural(len(keys), "manifest", "manifests"), *export)
		return 0
	}

	var t conformance.Target = conformance.Library{}
	opts := conformance.Options{Log: func(msg string) { fmt.Fprintf(stderr, "segsync conformance: %s\n", msg) }}
	if *target != "" {
		h := &conformance.HTTP{BaseURL: *target, EndpointPath: *endpoint, Token: *token, Client: &http.Client{Timeout: *timeout}}
		t = h
		opts.Parallel, opts.CaseTimeout, opts.RecoverTimeout = 8, *timeout, *recoverTimeout
		if *profile != "" {
			if opts.Profile, err = loadProfile(*profile); err != nil {
				fmt.Fprintf(stderr, "segsync: %v\n", err)
				return 2
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		err := h.Preflight(ctx, cases)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
	}
	outcomes, err := conformance.Execute(context.Background(), t, cases, opts)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	bad := printOutcomes(stdout, outcomes, *verbose)
	var unused []string
	if opts.Profile != nil {
		unused = opts.Profile.Unused(outcomes)
		for _, line := range unused {
			fmt.Fprintln(stdout, line)
		}
	}
	name := t.Name()
	if opts.Profile != nil {
		name += " with profile " + opts.Profile.Implementation
	}
	fmt.Fprintf(stdout, "conformance: %s against %s\n", conformance.Totals(outcomes), name)
	conformance.WriteSummary(stdout, outcomes)
	if *junit != "" {
		if err := writeJUnit(*junit, t.Name(), outcomes); err != nil {
			fmt.Fprintf(stderr, "segsync: %v\n", err)
			return 2
		}
	}
	if bad > 0 || len(unused) > 0 {
		return 1
	}
	return 0
}

// printOutcomes prints each failed or stale case (every case but the passed
// ones with verbose) and returns how many failed or are stale. The cases the
// runner did not run because the target stopped answering share one line.
func printOutcomes(w io.Writer, outcomes []conformance.Outcome, verbose bool) int {
	bad := 0
	var unreached []string
	for _, o := range outcomes {
		if o.Status == conformance.Fail || o.Status == conformance.Stale {
			bad++
		}
		switch {
		case errors.Is(o.Err, conformance.ErrUnreachable):
			unreached = append(unreached, o.Case.ID())
		case o.Status == conformance.Fail || o.Status == conformance.Stale || verbose && o.Status != conformance.Pass:
			fmt.Fprintf(w, "%s %s: %s\n", o.Status, o.Case.ID(), indent(o.Detail))
		}
	}
	if len(unreached) > 0 {
		fmt.Fprintf(w, "fail: %s not run: the target stopped answering and did not recover (first: %s)\n", plural(len(unreached), "case", "cases"), unreached[0])
	}
	return bad
}

// loadProfile returns the bundled profile of that name, or reads a profile file.
func loadProfile(nameOrFile string) (*conformance.Profile, error) {
	if slices.Contains(conformance.BundledProfiles(), nameOrFile) {
		return conformance.BundledProfile(nameOrFile)
	}
	data, err := os.ReadFile(nameOrFile)
	if err != nil {
		return nil, fmt.Errorf("--profile %s: not a bundled profile (%s) nor a readable file: %w", nameOrFile, strings.Join(conformance.BundledProfiles(), ", "), err)
	}
	return conformance.ParseProfile(data)
}

// plural returns "1 case" or "2 cases".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// conformanceFlagConflict names a flag that the chosen mode would ignore, or a
// --target that is not an http(s) URL; "" when the flags make sense together.
func conformanceFlagConflict(fs *flag.FlagSet) string {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	httpOnly := []string{"token", "endpoint-path", "timeout", "recover-timeout", "profile"}
	if set["export-manifests"] {
		for _, name := range append([]string{"target", "junit", "v"}, httpOnly...) {
			if set[name] {
				return "--" + name + " has no effect with --export-manifests, which only writes manifests"
			}
		}
		return ""
	}
	if !set["target"] {
		for _, name := range httpOnly {
			if set[name] {
				return "--" + name + " applies to an HTTP target only: give --target URL (the library has no known difference)"
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
