package parser

import (
	"hash/maphash"
	"testing"
)

// BenchmarkDedupe times dedupe alone ("dedupe"), and hashing every ID
// ("hash-only", the baseline), on the records of a named-arrays payload
// of 100k members with IDs of 22 bytes, all distinct ("distinct") or one in
// twenty a repeat ("repeats"), collected once: a phase of Parse small enough
// that the whole Parse's timings cannot tell its changes from noise.
func BenchmarkDedupe(b *testing.B) {
	p := diffProgramsByName(b)["named"]
	for _, bc := range []struct {
		name  string
		every int
	}{{"distinct", 0}, {"repeats", 20}} {
		b.Run(bc.name, func(b *testing.B) {
			add := ids("member-", 100_000, 22)
			for i := range add {
				if bc.every > 0 && i%bc.every == bc.every-1 {
					add[i] = add[i/2]
				}
			}
			c := p.getCollector()
			if err := p.scan(p.query, namedPayload(add, nil), nil, c); err != nil {
				b.Fatal(err)
			}
			c.topTexts()
			// The baseline: hashing every ID, which dedupe cannot avoid.
			b.Run("hash-only", func(b *testing.B) {
				var sum uint64
				for b.Loop() {
					for _, r := range c.lists[0].recs {
						sum += maphash.Bytes(p.seed, c.bytes(0, r.chunk, r.off, int(r.n&recLenMask)))
					}
				}
				sink = sum
			})
			b.Run("dedupe", func(b *testing.B) {
				for b.Loop() {
					for i := range c.segs {
						c.segs[i].lists = [2]memberList{}
					}
					for i := range c.lists[0].recs {
						c.lists[0].recs[i].n &^= recDup
					}
					c.dedupe()
				}
			})
		})
	}
}

var sink uint64
