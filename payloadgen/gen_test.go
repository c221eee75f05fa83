package payloadgen

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
)

// manifests returns the manifests the tests run over: the package's own under
// testdata/manifests (one per mode and pointer layout) and the vendored public
// ones (testdata/manifests at the module root), keyed by name.
func manifests(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	own, err := filepath.Glob("testdata/manifests/*.json")
	if err != nil || len(own) == 0 {
		t.Fatalf("no manifests under testdata/manifests (%v)", err)
	}
	for _, p := range own {
		out["own/"+filepath.Base(p)] = readFile(t, p)
	}
	t.Run("shared", func(t *testing.T) {
		for key, p := range testfiles.SharedManifests(t) {
			out["public/"+key] = readFile(t, p)
		}
	})
	return out
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func shape(t *testing.T, manifest []byte) *Shape {
	t.Helper()
	s, err := NewShape(manifest, parser.WithIntegrationKey("it"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExampleParses: an example parses to exactly its members, for every
// manifest, member count and direction, and the same seed gives the same bytes.
func TestExampleParses(t *testing.T) {
	modes := map[parser.Mode]bool{}
	for name, m := range manifests(t) {
		s := shape(t, m)
		modes[s.Mode] = true
		for _, n := range []int{0, 1, 3, 10} {
			for _, remove := range []bool{false, true} {
				for seed := range uint64(3) {
					p, err := New(s, seed).Example(ExampleOptions{Members: n, Remove: remove})
					if n < s.MinMembers() {
						if !errors.Is(err, ErrUnsatisfiable) {
							t.Errorf("%s: %d members, minimum %d: err %v, want ErrUnsatisfiable", name, n, s.MinMembers(), err)
						}
						continue
					}
					if err != nil {
						t.Fatalf("%s n=%d remove=%v: %v", name, n, remove, err)
					}
					checkParses(t, name, s, p)
					if len(p.Members) != n {
						t.Errorf("%s: %d members generated, %d asked", name, len(p.Members), n)
					}
					for _, mb := range p.Members {
						if mb.Add == remove {
							t.Errorf("%s remove=%v: member %+v", name, remove, mb)
						}
					}
					again, _ := New(s, seed).Example(ExampleOptions{Members: n, Remove: remove})
					if string(again.Bytes()) != string(p.Bytes()) {
						t.Errorf("%s: seed %d gave two payloads:\n%s\n%s", name, seed, p.Bytes(), again.Bytes())
					}
				}
			}
		}
	}
	for _, m := range []parser.Mode{parser.ModeBoolean, parser.ModeAction, parser.ModeNamedArrays} {
		if !modes[m] {
			t.Errorf("no manifest in %s mode", m)
		}
	}
}

// TestValidParses: varied valid payloads parse to exactly their members.
func TestValidParses(t *testing.T) {
	for name, m := range manifests(t) {
		s := shape(t, m)
		g := New(s, 1)
		for range 300 {
			p, err := g.Valid()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkParses(t, name, s, p)
		}
	}
}

// TestValidVariantParses: every variant of valid payloads parses to exactly its
// members, and each variant exists for some manifest.
func TestValidVariantParses(t *testing.T) {
	made := map[Variant]bool{}
	for name, m := range manifests(t) {
		s := shape(t, m)
		g := New(s, 3)
		for _, v := range Variants {
			p, ok, err := g.ValidVariant(v)
			if err != nil {
				t.Fatalf("%s %s: %v", name, v, err)
			}
			if !ok {
				continue
			}
			made[v] = true
			if p.Variant != v || !p.Valid() {
				t.Errorf("%s %s: payload marked %s", name, v, p.Variant)
			}
			checkParses(t, name+" "+v.String(), s, p)
		}
	}
	for _, v := range Variants {
		if !made[v] {
			t.Errorf("no manifest has a %s payload", v)
		}
	}
}

func checkParses(t *testing.T, name string, s *Shape, p *Payload) {
	t.Helper()
	res, err := s.Program.Parse(p.Bytes())
	if err != nil {
		t.Fatalf("%s: %v\npayload: %s", name, err, p.Bytes())
	}
	// Cohort names and URLs are the generator's choice; compare the rest.
	got := *res
	got.Segments = nil
	for _, seg := range res.Segments {
		seg.CohortName, seg.CohortURL = "", ""
		got.Segments = append(got.Segments, seg)
	}
	if diff := cmp.Diff(p.Want("it"), &got); diff != "" {
		t.Fatalf("%s: result differs (-want +got):\n%s\npayload: %s", name, diff, p.Bytes())
	}
}
