package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

func runCheck(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := newFlagSet("check", "check [--strict] [--format text|json] FILE|DIR...", stderr)
	strict := fset.Bool("strict", false, "treat warnings as errors: exit 1 when there are warnings")
	format := fset.String("format", "text", "output format: text, or json for tools")
	paths, err := parseInterspersed(fset, args)
	if err != nil {
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "segsync check: --format must be text or json, not %q\n", *format)
		return 2
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "segsync check: give at least one manifest file or directory")
		fset.Usage()
		return 2
	}
	var reports []*manifestReport
	for _, path := range paths {
		files, err := manifestFiles(path)
		if err != nil {
			reports = append(reports, &manifestReport{File: path, Err: err})
			continue
		}
		for _, file := range files {
			reports = append(reports, checkManifest(file))
		}
	}
	errs, warns := 0, 0
	for _, r := range reports {
		e, w := r.counts()
		errs, warns = errs+e, warns+w
	}
	summary := fmt.Sprintf("%s: %s, %s", plural(len(reports), "manifest", "manifests"), plural(errs, "error", "errors"), plural(warns, "warning", "warnings"))
	if *format == "json" {
		out := struct {
			Manifests []reportJSON `json:"manifests"`
			Errors    int          `json:"errors"`
			Warnings  int          `json:"warnings"`
		}{Manifests: []reportJSON{}, Errors: errs, Warnings: warns}
		for _, r := range reports {
			out.Manifests = append(out.Manifests, r.json())
		}
		writeJSON(stdout, out)
	} else {
		for _, r := range reports {
			r.writeText(stdout)
		}
		fmt.Fprintln(stdout, summary)
	}
	switch {
	case errs > 0:
		return 2
	case *strict && warns > 0:
		return 1
	}
	return 0
}

// manifestFiles lists the manifests a check argument names: a file, a directory
// holding manifest.json, or a directory laid out as serve loads it,
// <integrationKey>/manifest.json.
func manifestFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	own := filepath.Join(path, "manifest.json")
	if _, err := os.Stat(own); err == nil {
		return []string{own}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		m := filepath.Join(path, e.Name(), "manifest.json")
		if _, err := os.Stat(m); err == nil {
			files = append(files, m)
		} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) && e.IsDir() {
			return nil, err
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no manifest in directory %s: want %s or %s", path, own, filepath.Join(path, "<integrationKey>", "manifest.json"))
	}
	return files, nil
}
