package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkParse/boolean-2   	      20	  49143155 ns/op	 505.47 MB/s	         1.447 alloc/idbytes	        36.00 idbytes/member	 5210757 B/op	      14 allocs/op
BenchmarkParse/boolean-2   	      20	  59143155 ns/op	 405.47 MB/s	         1.447 alloc/idbytes	        36.00 idbytes/member	 5210757 B/op	      14 allocs/op
BenchmarkParse/boolean-2   	      20	  39143155 ns/op	 605.47 MB/s	         1.447 alloc/idbytes	        36.00 idbytes/member	 5210757 B/op	      14 allocs/op
BenchmarkBaseline/boolean/encoding-json-Valid-2 	      20	  80115773 ns/op	 310.06 MB/s	      22 B/op	       0 allocs/op
BenchmarkRatio/boolean-2   	       8	 510843265 ns/op	         9.239 x-naive	         1.647 x-valid
BenchmarkRatio/boolean-2   	       8	 510843265 ns/op	         7.239 x-naive	         1.547 x-valid
BenchmarkRatio/boolean-2   	       8	 510843265 ns/op	         8.500 x-naive	         1.600 x-valid
BenchmarkParallel/parse-2  	      20	  19606119 ns/op	1200.00 MB/s	         2.000 procs	 6487376 B/op	      46 allocs/op
BenchmarkParallel/naive-2  	      20	 234488705 ns/op	 100.00 MB/s
BenchmarkBreakdown/1-validate-2 	      30	  22681831 ns/op	1095.16 MB/s
BenchmarkBreakdown/2-query-2    	      30	  27916034 ns/op	 889.82 MB/s
BenchmarkBreakdown/3-collect-2  	      30	  31588966 ns/op	 786.36 MB/s
BenchmarkBreakdown/4-parse-2    	      30	  42327157 ns/op	 586.86 MB/s
BenchmarkSizes/Parse/1kB-2 	  300000	      3700 ns/op	 277.00 MB/s
BenchmarkSizes/Parse/100MB-2 	  5	      3700 ns/op	 500.00 MB/s
`

func TestParseAndRender(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.median("BenchmarkParse/boolean", "MB/s"); got != 505.47 {
		t.Fatalf("median = %v", got)
	}
	var table bytes.Buffer
	writeTable(&table, r)
	if !strings.Contains(table.String(), "| boolean: Parse / encoding/json.Valid | 505 / 310 MB/s | 1.63 | >= 1.5 | yes |") {
		t.Fatalf("table:\n%s", table.String())
	}
	for _, want := range []string{
		"| boolean: interleaved, Parse / encoding/json any+walk | median of per-iteration ratios | 8.50 | >= 8 | yes |",
		"| boolean: interleaved, Parse / encoding/json.Valid | median of per-iteration ratios | 1.60 | >= 1.5 | yes |",
		"| boolean, 2 goroutines each: Parse / encoding/json any+walk | 1200 / 100 MB/s | 12.00 | >= 8 | yes |",
		"| boolean: ms to validate / + follow the query / + collect / + build the result | 22.7 / 27.9 / 31.6 / 42.3 |  |  |  |",
	} {
		if !strings.Contains(table.String(), want) {
			t.Fatalf("table lacks %q:\n%s", want, table.String())
		}
	}
	var svg bytes.Buffer
	writeSVG(&svg, r)
	if !strings.HasPrefix(svg.String(), "<svg") || !strings.Contains(svg.String(), "polyline") {
		t.Fatalf("svg:\n%s", svg.String())
	}
}
