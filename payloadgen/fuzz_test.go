package payloadgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/segsync/segsync/parser"
)

// FuzzParseSeededByGenerator is a native fuzz target seeded from the generator:
// valid payloads and near misses of every kind for a manifest of each mode.
// Its properties: Parse does not panic, gives the same answer twice, agrees
// with ParseReader, and rejects with a *parser.Error only.
func FuzzParseSeededByGenerator(f *testing.F) {
	names := []string{"boolean-overrides", "action-template", "named-bare-ids"}
	var progs []*parser.Program
	for i, name := range names {
		s, err := NewShape(readFile(f, "testdata/manifests/"+name+".json"), parser.WithIntegrationKey("it"))
		if err != nil {
			f.Fatal(err)
		}
		progs = append(progs, s.Program)
		g := New(s, uint64(i))
		for range 20 {
			p, err := g.Valid()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(i), p.Bytes())
		}
		for _, kind := range AllMutations {
			p, err := g.NearMiss(kind)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(i), p.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, payload []byte) {
		prog := progs[int(which)%len(progs)]
		res, err := prog.Parse(payload)
		res2, err2 := prog.Parse(payload)
		res3, err3 := prog.ParseReader(bytes.NewReader(payload))
		var perr *parser.Error
		if err != nil && !errors.As(err, &perr) {
			t.Fatalf("Parse returned %T: %v", err, err)
		}
		a, b, c := answer(res, err), answer(res2, err2), answer(res3, err3)
		if a != b || a != c {
			t.Fatalf("Parse, Parse again and ParseReader differ:\n%s\n%s\n%s", a, b, c)
		}
	})
}

func answer(res *parser.Result, err error) string {
	b, _ := json.Marshal(map[string]any{"result": res, "error": err})
	return string(b)
}
