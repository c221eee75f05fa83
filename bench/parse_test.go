package bench

import (
	"errors"
	"testing"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/tidwall/gjson"
)

// BenchmarkParse runs segsync's Parse alone on the field's payloads (100k members of
// each shape), reporting the process's CPU time per parse (cpu-ns/op): the
// benchmark to profile (-cpuprofile) or to compare two versions of the library
// with, in interleaved rounds of their test binaries, where BenchmarkField compares
// the contestants.
func BenchmarkParse(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			prog, err := Program(shape, fieldMembers, 1<<30)
			if err != nil {
				b.Fatal(err)
			}
			benchShape(b, shape, func(data []byte) error {
				_, err := prog.Parse(data)
				return err
			})
		})
	}
}

// BenchmarkScan is BenchmarkParse for segsync's scanner alone (ScanOnly's empty
// query: the strict validation Parse does before it extracts anything), so that
// what extraction adds can be counted, as BENCHMARKS.md does with callgrind.
func BenchmarkScan(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			benchShape(b, shape, func(data []byte) error {
				return scanOnly.Scan(data, jsonscan.NopHandler{})
			})
		})
	}
}

// BenchmarkGJSONValid is BenchmarkParse for gjson.Valid, the fastest validator
// of the field on these payloads (BENCHMARKS.md), so that its instructions can
// be counted against Parse's as BenchmarkScan's are.
func BenchmarkGJSONValid(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			benchShape(b, shape, func(data []byte) error {
				if !gjson.ValidBytes(data) {
					return errors.New("gjson.Valid: invalid")
				}
				return nil
			})
		})
	}
}

// benchShape runs f on the field's payload of the shape: once before timing,
// then b.N times, reporting the process's CPU time per run (cpu-ns/op).
func benchShape(b *testing.B, shape Shape, f func([]byte) error) {
	data := Generate(shape, fieldMembers)
	if err := f(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		if err := f(data); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(n), "cpu-ns/op")
}
