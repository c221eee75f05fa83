package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// MaxManifestBytes is the largest manifest.json loaded, in bytes. A larger file
// is a load error, found before it is read.
const MaxManifestBytes = 4 << 20

// errBadKey is the error of a directory whose name cannot be an integration key.
var errBadKey = errors.New("not a valid integration key: want 1 to 128 letters, digits, '.', '_' or '-'")

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
// A path with control characters, spaces or quotes is printed quoted (Go syntax),
// so that one problem is always one line.
func (e *LoadError) Error() string {
	var b strings.Builder
	for i, f := range e.Files {
		if i > 0 {
			b.WriteByte('\n')
		}
		p := quotePath(f.Path)
		var ps spec.Problems
		if errors.As(f.Err, &ps) {
			for j, pr := range ps {
				if j > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "%s: %s", p, pr.Error())
			}
			continue
		}
		fmt.Fprintf(&b, "%s: %v", p, f.Err)
	}
	return b.String()
}

// LoadDir compiles every <integrationKey>/manifest.json under dir, each with its
// directory name as integration key and the given options. If any manifest fails
// to load, LoadDir returns a *LoadError naming each file and its problems; a
// directory with no manifest at all is an error too. A subdirectory whose name is
// not a valid key (see [ValidKey]) but holds a manifest.json is a load error; a
// manifest.json larger than [MaxManifestBytes] is one too.
//
// LoadDir is [LoadFS] over os.DirFS(dir), with the errors naming files by their
// path under dir.
func LoadDir(dir string, opts ...parser.Option) (*Registry, error) {
	reg, err := load(os.DirFS(dir), func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }, opts)
	if err != nil && errors.Is(err, errNoManifests) {
		return nil, fmt.Errorf("no manifests under %s: want %s", dir, filepath.Join(dir, "<integrationKey>", "manifest.json"))
	}
	return reg, err
}

// LoadFS is [LoadDir] over a file system: it compiles every
// <integrationKey>/manifest.json of fsys's root. The errors name files by their
// path in fsys ("acme/manifest.json").
func LoadFS(fsys fs.FS, opts ...parser.Option) (*Registry, error) {
	reg, err := load(fsys, func(p string) string { return p }, opts)
	if err != nil && errors.Is(err, errNoManifests) {
		return nil, errors.New("no manifests in the file system: want <integrationKey>/manifest.json")
	}
	return reg, err
}

var errNoManifests = errors.New("no manifests")

func load(fsys fs.FS, name func(string) string, opts []parser.Option) (*Registry, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name(pe.Path)
		}
		return nil, err
	}
	r := &Registry{byKey: make(map[string]*Integration)}
	lerr := &LoadError{}
	for _, e := range entries { // sorted by name
		if !e.IsDir() && e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		key := e.Name()
		p := path.Join(key, "manifest.json")
		data, err := readManifest(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
			continue // not an integration directory
		case err != nil:
			lerr.Files = append(lerr.Files, FileError{name(p), err})
			continue
		case !ValidKey(key):
			lerr.Files = append(lerr.Files, FileError{name(p), fmt.Errorf("directory name %s: %w", quotePath(key), errBadKey)})
			continue
		}
		if prev, ok := r.byKey[foldKey(key)]; ok {
			lerr.Files = append(lerr.Files, FileError{name(p), fmt.Errorf("integration key %q clashes with %q (keys are matched ignoring case)", key, prev.Key)})
			continue
		}
		prog, err := parser.CompileJSON(data, append([]parser.Option{parser.WithIntegrationKey(key)}, opts...)...)
		if err != nil {
			lerr.Files = append(lerr.Files, FileError{name(p), err})
			continue
		}
		r.byKey[foldKey(key)] = &Integration{Key: key, Program: prog}
	}
	if len(lerr.Files) > 0 {
		return nil, lerr
	}
	if len(r.byKey) == 0 {
		return nil, errNoManifests
	}
	return r, nil
}

// readManifest reads a regular file of at most MaxManifestBytes.
func readManifest(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if fi.Size() > MaxManifestBytes {
		return nil, fmt.Errorf("the manifest is %d bytes, larger than the limit of %d", fi.Size(), MaxManifestBytes)
	}
	// The file may grow after Stat: read one byte past the limit to tell.
	data, err := io.ReadAll(io.LimitReader(f, MaxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxManifestBytes {
		return nil, fmt.Errorf("the manifest is larger than the limit of %d bytes", MaxManifestBytes)
	}
	return data, nil
}
