package main

import (
	"bytes"
	"strings"
	"testing"
)

const fieldSample = `pkg: github.com/segsync/segsync/bench
BenchmarkField/amplitude 	       5	2000000000 ns/op	        39.06 MB	       100.0 MB/s:gjson	         1 ok:gjson	         8 lax:gjson	         2.00 x:gjson	       200.0 MB/s:segsync	         0 lax:segsync	1.62 alloc/idbyte:segsync	       150.0 MB/s:ojg	         0 ok:ojg	         9 lax:ojg	         1.33 x:ojg
BenchmarkField/amplitude 	       5	2000000000 ns/op	        39.06 MB	       120.0 MB/s:gjson	         1 ok:gjson	         8 lax:gjson	         2.50 x:gjson	       300.0 MB/s:segsync	         0 lax:segsync	1.62 alloc/idbyte:segsync	       150.0 MB/s:ojg	         0 ok:ojg	         9 lax:ojg	         2.00 x:ojg
BenchmarkField/amplitude 	       5	2000000000 ns/op	        39.06 MB	        80.0 MB/s:gjson	         1 ok:gjson	         8 lax:gjson	         1.50 x:gjson	       250.0 MB/s:segsync	         0 lax:segsync	1.62 alloc/idbyte:segsync	       150.0 MB/s:ojg	         0 ok:ojg	         9 lax:ojg	         1.50 x:ojg
BenchmarkField/zeotap 	       5	2000000000 ns/op	        39.06 MB	       100.0 MB/s:gjson	         1 ok:gjson	         7 lax:gjson	         2.00 x:gjson	       200.0 MB/s:segsync	         0 lax:segsync	1.62 alloc/idbyte:segsync	       150.0 MB/s:ojg	         1 ok:ojg	         9 lax:ojg	         1.33 x:ojg	3.10 x:json.Valid	0.80 x:sonic.Valid	0.90 x:gjson.Valid
BenchmarkSmall/amplitude 	       5	 100000000 ns/op	        448.0 B/parse	         8.000 allocs/parse	      1400 cpu-ns/parse	      1500 ns/parse	       902.0 payload-bytes
BenchmarkSmall/zeotap 	       5	 100000000 ns/op	        352.0 B/parse	         4.000 allocs/parse	      1600 cpu-ns/parse	      1700 ns/parse	       800.0 payload-bytes
BenchmarkReaderRatio/amplitude 	       5	 100000000 ns/op	         1.020 reader/parse
BenchmarkReaderRatio/zeotap 	       5	 100000000 ns/op	         1.050 reader/parse
`

func TestField(t *testing.T) {
	r, err := parse(strings.NewReader(fieldSample))
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	writeField(&table, r)
	for _, want := range []string{
		"| MB/s (segsync ×) | boolean (overrides) | named | action | members | invalid inputs accepted |",
		"| **segsync Parse** | **250** | – | **200** | reference | 0 |",
		// medians of the three runs; the largest lax count of the shapes
		"| gjson Valid + Get | 100 (2.00) | – | 100 (2.00) | equal | 8 |",
		// wrong in one shape is wrong
		"| ojg Parse + walk | 150 (1.50) | – | 150 (1.33) | **wrong** | 9 |",
		"| sonic Valid + ast | – | – | – | – | – |",
		"segsync Parse allocates 1.62 / NaN / 1.62 bytes per byte of extracted ID (boolean (overrides) / named / action).",
		// The goals, from the same run: a shape without figures does not count.
		"| goal | boolean (overrides) | named | action | holds |",
		"| Parse ≥ 1 GB/s per core (MB/s) | 250 | – | 200 | no |",
		"| Parse ≥ 3× `encoding/json.Valid` | – | – | 3.10 | yes |",
		"| faster than every Go validator (× the fastest) | – | – | 0.80 | no |",
		"| ≤ 1.5 bytes allocated per extracted ID byte | 1.62 | – | 1.62 | no |",
		"| 1 kB payload ≤ 1.5 µs, program compiled once (CPU µs) | 1.40 | – | 1.60 | no |",
		"| `ParseReader` within 10% of `Parse` (time ratio) | 1.020 | – | 1.050 | yes |",
	} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
	var svg bytes.Buffer
	writeFieldSVG(&svg, r)
	if s := svg.String(); !strings.HasPrefix(s, "<svg") || strings.Count(s, `<rect x=`) < 3+2*2+1 {
		t.Errorf("svg:\n%s", s)
	}
}

func TestScannerPath(t *testing.T) {
	for _, c := range []struct{ lines, want string }{
		{"", "not reported"},
		{"BenchmarkField/zeotap 5 1 ns/op 0 simd:segsync\n", "pure Go (the default build)"},
		{"BenchmarkField/amplitude 5 1 ns/op 1 simd:segsync\nBenchmarkField/amplitude 5 1 ns/op 1 simd:segsync\n", "the AVX2 path (built with GOEXPERIMENT=simd)"},
	} {
		r, err := parse(strings.NewReader(c.lines))
		if err != nil {
			t.Fatal(err)
		}
		var table bytes.Buffer
		writeField(&table, r)
		if want := "segsync's scanner in this run: " + c.want + ".\n"; !strings.HasPrefix(table.String(), want) {
			t.Errorf("%q: table starts %q, want %q", c.lines, table.String()[:min(80, table.Len())], want)
		}
	}
}
