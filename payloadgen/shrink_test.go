package payloadgen

import (
	"bytes"
	"testing"
)

// TestShrink: shrinking keeps what the predicate asks for and removes the rest.
func TestShrink(t *testing.T) {
	s := shape(t, readFile(t, "testdata/manifests/boolean-flat.json"))
	g := New(s, 5)
	for range 50 {
		p, err := g.Valid()
		if err != nil {
			t.Fatal(err)
		}
		orig := p.Bytes()
		// Keep payloads that still name the environment and still parse.
		keep := func(c *Payload) bool {
			_, err := s.Program.Parse(c.Bytes())
			return err == nil && bytes.Contains(c.Bytes(), []byte(`"env"`))
		}
		small, tried := p.Shrink(keep, 500)
		if !keep(small) || tried == 0 || tried > 500 {
			t.Fatalf("shrunk to %s after %d tries", small.Bytes(), tried)
		}
		if !bytes.Equal(p.Bytes(), orig) {
			t.Fatal("Shrink changed its payload")
		}
		// Only what Parse needs is left: no extra keys, no members.
		res, _ := s.Program.Parse(small.Bytes())
		if n := res.Segments[0].Add.Len() + res.Segments[0].Remove.Len(); n != 0 || bytes.Contains(small.Bytes(), []byte("sentAt")) {
			t.Errorf("not minimal: %s", small.Bytes())
		}
	}
	// A budget stops it.
	p, _ := g.Valid()
	if _, tried := p.Shrink(func(*Payload) bool { return true }, 3); tried != 3 {
		t.Errorf("tried %d with a budget of 3", tried)
	}
}
