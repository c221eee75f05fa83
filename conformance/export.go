package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// ExportManifests writes the manifest of every case that must compile and has an
// integration key to dir/<key>/manifest.json, a bare spec wrapped into a
// manifest, so that a server can load them all (the layout of SPEC §8). It
// returns the keys written, sorted. Keys that name two different manifests are an
// error; Load already rejects them.
func ExportManifests(dir string, cases []*Case) ([]string, error) {
	written := make(map[string][]byte)
	for _, c := range cases {
		if c.IntegrationKey == "" || c.WantsCompileErrors() || !c.IsSyncedSegment() {
			continue
		}
		m := c.ManifestBytes()
		if prev, ok := written[c.IntegrationKey]; ok {
			if !bytes.Equal(compact(prev), compact(m)) {
				return nil, fmt.Errorf("conformance: integration key %q names two manifests", c.IntegrationKey)
			}
			continue
		}
		var out bytes.Buffer
		if err := json.Indent(&out, m, "", "  "); err != nil {
			return nil, fmt.Errorf("conformance: %s: the manifest is not JSON: %w", c.ID(), err)
		}
		out.WriteByte('\n')
		sub := filepath.Join(dir, c.IntegrationKey)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(sub, "manifest.json"), out.Bytes(), 0o644); err != nil {
			return nil, err
		}
		written[c.IntegrationKey] = m
	}
	keys := make([]string, 0, len(written))
	for k := range written {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, nil
}
