package parser

import "github.com/segsync/segsync/spec"

// CompileJSON parses a manifest and compiles its syncedSegment capability: the
// common path from a manifest file to a Program. Every problem is reported at
// once, as spec.Problems, whether the manifest is not JSON at all or breaks the
// rules of Compile.
func CompileJSON(manifest []byte, opts ...Option) (*Program, error) {
	m, err := spec.ParseManifest(manifest)
	if m == nil {
		return nil, err
	}
	// Compile reports the manifest's structural problems with its own.
	return Compile(m, opts...)
}
