package server

import (
	"fmt"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/segsync/segsync/parser"
)

// Integrations finds the integration a request names. [*Registry] implements it,
// and so does [*AtomicRegistry], whose registry can be replaced while serving.
type Integrations interface {
	// Lookup finds an integration by key; keys are matched ignoring ASCII case.
	Lookup(key string) (*Integration, bool)
}

// Registry maps integration keys, matched ignoring ASCII case, to compiled
// programs. A Registry is immutable once loaded and safe for concurrent use by
// multiple goroutines.
type Registry struct {
	byKey map[string]*Integration // by ASCII-lower-cased key
}

// Integration is one served integration.
type Integration struct {
	// Key is the integration key as the directory spells it (the canonical key).
	Key string
	// Program is the compiled requestParser.
	Program *parser.Program
}

// NewRegistry builds a registry from compiled programs, keyed by integration key.
// A key outside the key alphabet (see [ValidKey]) is an error, and so are keys
// that differ only in case.
func NewRegistry(programs map[string]*parser.Program) (*Registry, error) {
	r := &Registry{byKey: make(map[string]*Integration, len(programs))}
	for _, key := range slices.Sorted(maps.Keys(programs)) {
		if !ValidKey(key) {
			return nil, fmt.Errorf("integration key %s: %w", quotePath(key), errBadKey)
		}
		if prev, ok := r.byKey[foldKey(key)]; ok {
			return nil, fmt.Errorf("integration keys %q and %q clash (keys are matched ignoring case)", prev.Key, key)
		}
		r.byKey[foldKey(key)] = &Integration{Key: key, Program: programs[key]}
	}
	return r, nil
}

// Lookup finds an integration by key, ignoring ASCII case: "ACME-cdp" finds
// "acme-cdp", but a key with any character outside the key alphabet finds
// nothing.
func (r *Registry) Lookup(key string) (*Integration, bool) {
	if !ValidKey(key) {
		return nil, false
	}
	in, ok := r.byKey[foldKey(key)]
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

// AtomicRegistry holds a *Registry that can be replaced while requests are
// served: each lookup sees either the old registry or the new one whole. An
// AtomicRegistry is safe for concurrent use by multiple goroutines; its zero value
// holds no registry and finds nothing.
type AtomicRegistry struct {
	p atomic.Pointer[Registry]
}

// NewAtomicRegistry returns an AtomicRegistry holding r.
func NewAtomicRegistry(r *Registry) *AtomicRegistry {
	a := &AtomicRegistry{}
	a.Store(r)
	return a
}

// Load returns the registry in use, nil if none was stored.
func (a *AtomicRegistry) Load() *Registry { return a.p.Load() }

// Store replaces the registry in use; requests already past their lookup finish
// with the integration they found.
func (a *AtomicRegistry) Store(r *Registry) { a.p.Store(r) }

// Lookup finds an integration in the registry in use.
func (a *AtomicRegistry) Lookup(key string) (*Integration, bool) {
	r := a.p.Load()
	if r == nil {
		return nil, false
	}
	return r.Lookup(key)
}
