package bench

import "testing"

// BenchmarkParse runs segsync's Parse alone on the field's payloads (100k members of
// each shape), reporting the process's CPU time per parse (cpu-ns/op): the
// benchmark to profile (-cpuprofile) or to compare two versions of the library
// with, in interleaved rounds of their test binaries, where BenchmarkField compares
// the contestants.
func BenchmarkParse(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			data := Generate(shape, fieldMembers)
			prog, err := Program(shape, fieldMembers, 1<<30)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := prog.Parse(data); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				if _, err := prog.Parse(data); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(n), "cpu-ns/op")
		})
	}
}
