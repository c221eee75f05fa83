package parser

import (
	"fmt"
	"slices"
	"testing"
)

// BenchmarkResult times result alone (the dedupe, then the Result with its
// lists) on the records of a named-arrays payload of 100k members, collected
// once, with IDs of 22 bytes (the field's average) and of 36: a phase of
// Parse small enough that the whole Parse's timings cannot tell its changes
// from noise.
func BenchmarkResult(b *testing.B) {
	p := diffProgramsByName(b)["named"]
	for _, size := range []int{22, 36} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			c := p.getCollector()
			if err := p.scan(p.query, namedPayload(ids("member-", 100_000, size), nil), nil, c); err != nil {
				b.Fatal(err)
			}
			top := *c.topTexts()
			arena := slices.Clone(c.arena[0])
			for b.Loop() {
				for i := range c.segs {
					c.segs[i].lists = [2]memberList{}
				}
				for i := range c.lists[0].recs {
					c.lists[0].recs[i].n &^= recDup
				}
				copy(c.arena[0], arena) // (a result that kept chunks took them)
				sinkResult = c.result(top, false)
			}
		})
	}
}

var sinkResult *Result
