// Command benchplot reads the output of the parser benchmarks (go test -bench) and
// writes the table of ratios that BENCHMARKS.md shows, in Markdown, and an SVG plot
// of throughput against payload size from BenchmarkSizes. Each figure is the median
// of the runs (-count) of its benchmark.
//
//	go test ./parser -run '^$' -bench . -count 5 | go run ./internal/benchplot -svg BENCHMARKS.svg
//
// With -field it reads BenchmarkField of the bench module instead, and writes the
// table of the field (segsync against other Go JSON libraries), its bar chart, and
// issue 14's goals with their figures from the same run (BenchmarkSmall and
// BenchmarkReaderRatio add the 1 kB payload and ParseReader):
//
//	bench/field.sh | go run ./internal/benchplot -field -svg BENCHMARKS-field.svg
//
// (bench/field.sh runs them once in each of six function layouts; each figure
// is the median of the six.)
//
// It needs nothing but the standard library, so that CI can draw the plot.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	svgPath := flag.String("svg", "", "write the throughput plot to this SVG file")
	field := flag.Bool("field", false, "read BenchmarkField of the bench module: the table and plot of the field")
	flag.Parse()
	runs, err := parse(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	table, svg := writeTable, writeSVG
	if *field {
		table, svg = writeField, writeFieldSVG
	}
	table(os.Stdout, runs)
	if *svgPath != "" {
		f, err := os.Create(*svgPath)
		if err != nil {
			log.Fatal(err)
		}
		svg(f, runs)
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

// runs maps a benchmark name (without the -GOMAXPROCS suffix) to each metric's
// values, one per run.
type runs map[string]map[string][]float64

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func parse(r io.Reader) (runs, error) {
	out := runs{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		if out[m[1]] == nil {
			out[m[1]] = map[string][]float64{}
		}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			out[m[1]][f[i+1]] = append(out[m[1]][f[i+1]], v)
		}
	}
	return out, sc.Err()
}

// median returns the median of a benchmark's metric, or NaN.
func (r runs) median(name, metric string) float64 {
	v := slices.Clone(r[name][metric])
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

type row struct {
	what, figure, target string
	value                float64
	ok                   func(float64) bool
}

func writeTable(w io.Writer, r runs) {
	var rows []row
	for _, mode := range []string{"boolean", "named", "action"} {
		parse := r.median("BenchmarkParse/"+mode, "MB/s")
		rows = append(rows,
			row{mode + ": Parse / encoding/json any+walk", fmt.Sprintf("%.0f / %.0f MB/s", parse, r.median("BenchmarkBaseline/"+mode+"/encoding-json-any-walk", "MB/s")), ">= 8", parse / r.median("BenchmarkBaseline/"+mode+"/encoding-json-any-walk", "MB/s"), func(v float64) bool { return v >= 8 }},
			row{mode + ": Parse / encoding/json.Valid", fmt.Sprintf("%.0f / %.0f MB/s", parse, r.median("BenchmarkBaseline/"+mode+"/encoding-json-Valid", "MB/s")), ">= 1.5", parse / r.median("BenchmarkBaseline/"+mode+"/encoding-json-Valid", "MB/s"), func(v float64) bool { return v >= 1.5 }},
			row{mode + ": Parse / jsontext token loop", fmt.Sprintf("%.0f / %.0f MB/s", parse, r.median("BenchmarkBaseline/"+mode+"/jsontext-tokens", "MB/s")), "", parse / r.median("BenchmarkBaseline/"+mode+"/jsontext-tokens", "MB/s"), nil},
			row{mode + ": bytes allocated / bytes extracted", fmt.Sprintf("%.0f B/op, %.0f B of ID per member", r.median("BenchmarkParse/"+mode, "B/op"), r.median("BenchmarkParse/"+mode, "idbytes/member")), "<= 2", r.median("BenchmarkParse/"+mode, "alloc/idbytes"), func(v float64) bool { return v <= 2 }},
		)
	}
	for _, mode := range []string{"boolean", "named", "action"} {
		name := "BenchmarkRatio/" + mode
		rows = append(rows,
			row{mode + ": interleaved, Parse / encoding/json any+walk", "median of per-iteration ratios", ">= 8", r.median(name, "x-naive"), func(v float64) bool { return v >= 8 }},
			row{mode + ": interleaved, Parse / encoding/json.Valid", "median of per-iteration ratios", ">= 1.5", r.median(name, "x-valid"), func(v float64) bool { return v >= 1.5 }},
		)
	}
	floor := r.median("BenchmarkBreakdown/1-validate", "MB/s")
	serial := r.median("BenchmarkParse/boolean", "MB/s")
	rows = append(rows, row{"boolean: Parse / jsonscan validating alone", fmt.Sprintf("%.0f / %.0f MB/s", serial, floor), "", serial / floor, nil})
	var phases []string
	for _, ph := range []string{"1-validate", "2-query", "3-collect", "4-parse"} {
		phases = append(phases, fmt.Sprintf("%.1f", r.median("BenchmarkBreakdown/"+ph, "ns/op")/1e6))
	}
	rows = append(rows, row{"boolean: ms to validate / + follow the query / + collect / + build the result", strings.Join(phases, " / "), "", math.NaN(), nil})
	pr, p := r.median("BenchmarkReader/ParseReader-100MB", "MB/s"), r.median("BenchmarkReader/Parse-100MB", "MB/s")
	rows = append(rows, row{"100 MB: ParseReader / Parse", fmt.Sprintf("%.0f / %.0f MB/s", pr, p), ">= 0.8", pr / p, func(v float64) bool { return v >= 0.8 }})
	rows = append(rows, row{"1 GB stream: peak heap / result size", fmt.Sprintf("%.0f / %.0f MB, %.0f MB/s", r.median("BenchmarkStream1GB", "peak-heap-MB"), r.median("BenchmarkStream1GB", "result-MB"), r.median("BenchmarkStream1GB", "MB/s")), "< 4", r.median("BenchmarkStream1GB", "peak/result"), func(v float64) bool { return v < 4 }})
	small := r.median("BenchmarkSmall", "ns/op") / 1000
	rows = append(rows, row{"1 kB payload, compiled once: µs per Parse", fmt.Sprintf("%.0f B/op", r.median("BenchmarkSmall", "B/op")), "< 10", small, func(v float64) bool { return v < 10 }})
	par, procs := r.median("BenchmarkParallel/parse", "MB/s"), r.median("BenchmarkParallel/parse", "procs")
	rows = append(rows, row{fmt.Sprintf("parallel (%.0f goroutines) / serial", procs), fmt.Sprintf("%.0f / %.0f MB/s", par, serial), "> 1", par / serial, func(v float64) bool { return v > 1 }})
	naivePar := r.median("BenchmarkParallel/naive", "MB/s")
	rows = append(rows, row{fmt.Sprintf("boolean, %.0f goroutines each: Parse / encoding/json any+walk", procs), fmt.Sprintf("%.0f / %.0f MB/s", par, naivePar), ">= 8", par / naivePar, func(v float64) bool { return v >= 8 }})

	fmt.Fprintln(w, "| measure | figures (medians) | ratio | target | holds |")
	fmt.Fprintln(w, "|---|---|---:|---|---|")
	for _, rw := range rows {
		holds := ""
		if rw.ok != nil {
			holds = "no"
			if rw.ok(rw.value) {
				holds = "yes"
			}
		}
		ratio := ""
		if !math.IsNaN(rw.value) {
			ratio = fmt.Sprintf("%.2f", rw.value)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", rw.what, rw.figure, ratio, rw.target, holds)
	}
}

// The series of BenchmarkSizes, in plot order, with their colours.
var series = []struct{ name, color string }{
	{"Parse", "#1f77b4"},
	{"ParseReader", "#2ca02c"},
	{"encoding-json-Valid", "#ff7f0e"},
	{"encoding-json-any-walk", "#d62728"},
}

var sizes = []struct {
	name  string
	bytes float64
}{{"1kB", 1 << 10}, {"10kB", 10 << 10}, {"100kB", 100 << 10}, {"1MB", 1 << 20}, {"10MB", 10 << 20}, {"100MB", 100 << 20}}

// writeSVG draws MB/s (log scale) against payload size (log scale).
func writeSVG(w io.Writer, r runs) {
	const width, height, left, right, top, bottom = 720.0, 440.0, 70.0, 190.0, 40.0, 50.0
	pw, ph := width-left-right, height-top-bottom
	lo, hi := 10.0, 1000.0
	for _, s := range series {
		for _, sz := range sizes {
			if v := r.median("BenchmarkSizes/"+s.name+"/"+sz.name, "MB/s"); !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
	x := func(i int) float64 { return left + pw*float64(i)/float64(len(sizes)-1) }
	y := func(v float64) float64 {
		return top + ph*(1-(math.Log10(v)-math.Log10(lo))/(math.Log10(hi)-math.Log10(lo)))
	}

	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<text x="%.0f" y="22" font-size="14">segsync: throughput against payload size (boolean mode, medians)</text>`+"\n", left)
	for d := lo; d <= hi*1.001; d *= 10 {
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", left, y(d), left+pw, y(d))
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="end">%g</text>`+"\n", left-6, y(d)+4, d)
	}
	for i, sz := range sizes {
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#eee"/>`+"\n", x(i), top, x(i), top+ph)
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x(i), top+ph+18, sz.name)
	}
	fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="middle">payload size</text>`+"\n", left+pw/2, height-8)
	fmt.Fprintf(w, `<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle">MB/s (log scale)</text>`+"\n", top+ph/2)
	fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#999"/>`+"\n", left, top, pw, ph)
	for k, s := range series {
		var pts []string
		for i, sz := range sizes {
			if v := r.median("BenchmarkSizes/"+s.name+"/"+sz.name, "MB/s"); !math.IsNaN(v) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(v)))
				fmt.Fprintf(w, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", x(i), y(v), s.color)
			}
		}
		fmt.Fprintf(w, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), s.color)
		ly := top + 10 + 20*float64(k)
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>`+"\n", left+pw+12, ly, left+pw+32, ly, s.color)
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f">%s</text>`+"\n", left+pw+38, ly+4, s.name)
	}
	fmt.Fprintln(w, `</svg>`)
}
