package server

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Registry maps integration keys, matched case-insensitively, to compiled
// programs. A Registry is immutable once loaded and safe for concurrent use by
// multiple goroutines.
type Registry struct {
	byKey map[string]*Integration // by lower-cased key
}

// Integration is one served integration.
type Integration struct {
	// Key is the integration key as the directory spells it (the canonical key).
	Key string
	// Program is the compiled requestParser.
	Program *parser.Program
}

// LoadError reports the manifests of a directory that failed to load. Each entry
// names the file; Err is a spec.Problems list or an I/O error.
type LoadError struct {
	Files []FileError
}

// FileError is one manifest that failed to load.
type FileError struct {
	Path string
	Err  error
}

// Error lists every file's problems, one per line, each prefixed with the file.
func (e *LoadError) Error() string {
	var b strings.Builder
	for i, f := range e.Files {
		if i > 0 {
			b.WriteByte('\n')
		}
		var ps spec.Problems
		if errors.As(f.Err, &ps) {
			for j, p := range ps {
				if j > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "%s: %s", f.Path, p.Error())
			}
			continue
		}
		fmt.Fprintf(&b, "%s: %v", f.Path, f.Err)
	}
	return b.String()
}

// LoadDir compiles every <integrationKey>/manifest.json under dir, each with its
// directory name as integration key and the given options. If any manifest fails
// to load, LoadDir returns a *LoadError naming each file and its problems; a
// directory with no manifest at all is an error too.
func LoadDir(dir string, opts ...parser.Option) (*Registry, error) {
	paths, lerr, err := manifestPaths(dir)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 && len(lerr.Files) == 0 {
		return nil, fmt.Errorf("no manifests under %s: want %s", dir, filepath.Join(dir, "<integrationKey>", "manifest.json"))
	}
	r := &Registry{byKey: make(map[string]*Integration)}
	for _, path := range paths {
		key := filepath.Base(filepath.Dir(path))
		if prev, ok := r.byKey[strings.ToLower(key)]; ok {
			lerr.Files = append(lerr.Files, FileError{path, fmt.Errorf("integration key %q clashes with %q (keys are matched case-insensitively)", key, prev.Key)})
			continue
		}
		prog, err := compileFile(path, append([]parser.Option{parser.WithIntegrationKey(key)}, opts...))
		if err != nil {
			lerr.Files = append(lerr.Files, FileError{path, err})
			continue
		}
		r.byKey[strings.ToLower(key)] = &Integration{Key: key, Program: prog}
	}
	if len(lerr.Files) > 0 {
		return nil, lerr
	}
	return r, nil
}

// manifestPaths lists dir/<key>/manifest.json for every subdirectory (or link to
// one) of dir that has one, sorted. A subdirectory that cannot be looked into is
// a FileError; one without a manifest is not served.
func manifestPaths(dir string) ([]string, *LoadError, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var paths []string
	lerr := &LoadError{}
	for _, e := range entries { // sorted by name
		if !e.IsDir() && e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		path := filepath.Join(dir, e.Name(), "manifest.json")
		fi, err := os.Stat(path)
		switch {
		case err == nil && fi.Mode().IsRegular():
			paths = append(paths, path)
		case err == nil:
			lerr.Files = append(lerr.Files, FileError{path, errors.New("not a regular file")})
		case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			lerr.Files = append(lerr.Files, FileError{path, err})
		}
	}
	return paths, lerr, nil
}

func compileFile(path string, opts []parser.Option) (*parser.Program, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := spec.ParseManifest(data)
	if m == nil {
		return nil, err
	}
	// Compile reports the structural problems again, with all of its own.
	return parser.Compile(m, opts...)
}

// NewRegistry builds a registry from compiled programs, keyed by integration key.
// Keys that differ only in case are an error.
func NewRegistry(programs map[string]*parser.Program) (*Registry, error) {
	r := &Registry{byKey: make(map[string]*Integration, len(programs))}
	for key, prog := range programs {
		if _, ok := r.byKey[strings.ToLower(key)]; ok {
			return nil, fmt.Errorf("integration keys clash case-insensitively: %q", key)
		}
		r.byKey[strings.ToLower(key)] = &Integration{Key: key, Program: prog}
	}
	return r, nil
}

// Lookup finds an integration by key, ignoring case.
func (r *Registry) Lookup(key string) (*Integration, bool) {
	in, ok := r.byKey[strings.ToLower(key)]
	return in, ok
}

// Keys returns the canonical integration keys, sorted.
func (r *Registry) Keys() []string {
	keys := make([]string, 0, len(r.byKey))
	for _, in := range r.byKey {
		keys = append(keys, in.Key)
	}
	slices.Sort(keys)
	return keys
}
