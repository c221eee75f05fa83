package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// The field's shapes (sub-benchmarks of BenchmarkField in the bench module), with
// the column heads of their modes.
var fieldShapes = []struct{ name, head string }{
	{"amplitude", "boolean (overrides)"},
	{"rudderstack", "named"},
	{"zeotap", "action"},
}

// The field's contestants, in table order, with what each does.
var fieldRows = []struct{ name, label string }{
	{"segsync", "**segsync Parse**"},
	{"jsontext", "jsontext streaming extractor"},
	{"simdjson-go", "simdjson-go parse + extract"},
	{"gjson", "gjson Valid + Get"},
	{"sonic", "sonic Valid + ast"},
	{"ojg", "ojg Parse + walk"},
	{"naive", "naive encoding/json → any + walk"},
	{"segsync.scan", "segsync's scanner alone (strict; extracts nothing)"},
	{"json.Valid", "encoding/json.Valid (extracts nothing)"},
	{"sonic.Valid", "sonic.Valid"},
	{"gjson.Valid", "gjson.Valid"},
	{"oj.Validate", "oj.Validate"},
	{"quote-loop", "byte loop counting `\"` (a floor)"},
}

// writeField writes the field's table: each contestant's MB/s per shape, with
// segsync's speed over it in parentheses (the median of the per-iteration ratios
// of one interleaved run), whether its members match segsync's, and how many of
// the bench module's invalid inputs it accepts.
func writeField(w io.Writer, r runs) {
	fmt.Fprintf(w, "segsync's scanner in this run: %s.\n\n", scannerPath(r))
	var head strings.Builder
	head.WriteString("| MB/s (segsync ×) |")
	for _, s := range fieldShapes {
		fmt.Fprintf(&head, " %s |", s.head)
	}
	fmt.Fprintln(w, head.String()+" members | invalid inputs accepted |")
	fmt.Fprintln(w, "|---|"+strings.Repeat("---:|", len(fieldShapes))+"---|---:|")
	for _, row := range fieldRows {
		line := "| " + row.label + " |"
		members := "–"
		lax := math.NaN()
		for _, s := range fieldShapes {
			name := "BenchmarkField/" + s.name
			v := r.median(name, "MB/s:"+row.name)
			switch {
			case math.IsNaN(v):
				line += " – |"
			case row.name == "segsync":
				line += fmt.Sprintf(" **%.0f** |", v)
			default:
				line += fmt.Sprintf(" %.0f (%.2f) |", v, r.median(name, "x:"+row.name))
			}
			if ok := r.median(name, "ok:"+row.name); !math.IsNaN(ok) {
				if members == "–" {
					members = "equal"
				}
				if ok != 1 {
					members = "**wrong**"
				}
			}
			if row.name == "segsync" {
				members = "reference"
			}
			if l := r.median(name, "lax:"+row.name); !math.IsNaN(l) {
				if math.IsNaN(lax) || l > lax {
					lax = l
				}
			}
		}
		laxText := "–"
		if !math.IsNaN(lax) {
			laxText = fmt.Sprintf("%.0f", lax)
		}
		fmt.Fprintf(w, "%s %s | %s |\n", line, members, laxText)
	}
	var alloc []string
	for _, s := range fieldShapes {
		alloc = append(alloc, fmt.Sprintf("%.2f", r.median("BenchmarkField/"+s.name, "alloc/idbyte:segsync")))
	}
	fmt.Fprintf(w, "\nsegsync Parse allocates %s bytes per byte of extracted ID (%s).\n", strings.Join(alloc, " / "), shapeHeads())
	writeGoals(w, r)
}

// scannerPath says which scanner segsync ran in the run: the AVX2 path of a
// GOEXPERIMENT=simd build, or the default pure-Go one ("simd:segsync").
func scannerPath(r runs) string {
	v := math.NaN()
	for _, s := range fieldShapes {
		if x := r.median("BenchmarkField/"+s.name, "simd:segsync"); !math.IsNaN(x) {
			v = x
		}
	}
	switch {
	case math.IsNaN(v):
		return "not reported"
	case v == 1:
		return "the AVX2 path (built with GOEXPERIMENT=simd)"
	default:
		return "pure Go (the default build)"
	}
}

// fieldValidators are the peers that validate and extract nothing, against
// which the goals measure Parse (segsync.scan, segsync's own scanner alone, is
// not one of them).
var fieldValidators = []string{"json.Valid", "sonic.Valid", "gjson.Valid", "oj.Validate"}

// writeGoals writes issue 14's goals with their figures from the same run, one
// column per shape: BenchmarkField's throughputs and ratios, and, when the run
// has them, BenchmarkSmall's time per 1 kB parse and BenchmarkReaderRatio's
// ratio of ParseReader to Parse.
func writeGoals(w io.Writer, r runs) {
	type goal struct {
		label  string
		bench  string // the benchmark, before "/shape"
		metric func(bench string) float64
		format string
		holds  func(float64) bool
	}
	fastestValidator := func(bench string) float64 {
		lowest := math.NaN()
		for _, v := range fieldValidators {
			if x := r.median(bench, "x:"+v); math.IsNaN(lowest) || x < lowest {
				lowest = x
			}
		}
		return lowest
	}
	metric := func(name string) func(string) float64 {
		return func(bench string) float64 { return r.median(bench, name) }
	}
	goals := []goal{
		{"Parse ≥ 1 GB/s per core (MB/s)", "BenchmarkField", metric("MB/s:segsync"), "%.0f", func(v float64) bool { return v >= 1000 }},
		{"Parse ≥ 3× `encoding/json.Valid`", "BenchmarkField", metric("x:json.Valid"), "%.2f", func(v float64) bool { return v >= 3 }},
		{"Parse ≥ 15× the naive path", "BenchmarkField", metric("x:naive"), "%.2f", func(v float64) bool { return v >= 15 }},
		{"faster than every Go validator (× the fastest)", "BenchmarkField", fastestValidator, "%.2f", func(v float64) bool { return v >= 1 }},
		{"≤ 1.5 bytes allocated per extracted ID byte", "BenchmarkField", metric("alloc/idbyte:segsync"), "%.2f", func(v float64) bool { return v <= 1.5 }},
		{"1 kB payload ≤ 1.5 µs, program compiled once (CPU µs)", "BenchmarkSmall", func(b string) float64 { return r.median(b, "cpu-ns/parse") / 1000 }, "%.2f", func(v float64) bool { return v <= 1.5 }},
		{"`ParseReader` within 10% of `Parse` (time ratio)", "BenchmarkReaderRatio", metric("reader/parse"), "%.3f", func(v float64) bool { return v <= 1.10 }},
	}
	fmt.Fprintf(w, "\n| goal | %s | holds |\n|---|%s---|\n", strings.ReplaceAll(shapeHeads(), " / ", " | "), strings.Repeat("---:|", len(fieldShapes)))
	for _, g := range goals {
		line := "| " + g.label + " |"
		holds, seen := true, false
		for _, s := range fieldShapes {
			v := g.metric(g.bench + "/" + s.name)
			if math.IsNaN(v) {
				line += " – |"
				continue
			}
			seen = true
			holds = holds && g.holds(v)
			line += " " + fmt.Sprintf(g.format, v) + " |"
		}
		verdict := "–"
		switch {
		case seen && holds:
			verdict = "yes"
		case seen:
			verdict = "no"
		}
		fmt.Fprintf(w, "%s %s |\n", line, verdict)
	}
}

func shapeHeads() string {
	var h []string
	for _, s := range fieldShapes {
		h = append(h, s.head)
	}
	return strings.Join(h, " / ")
}

// writeFieldSVG draws the field's MB/s as grouped horizontal bars (log scale), one
// group per contestant, one bar per shape.
func writeFieldSVG(w io.Writer, r runs) {
	colors := []string{"#1f77b4", "#2ca02c", "#ff7f0e"}
	const width, left, right, top, bar, gap = 760.0, 260.0, 40.0, 60.0, 9.0, 10.0
	group := bar*float64(len(fieldShapes)) + gap
	height := top + group*float64(len(fieldRows)) + 40
	pw := width - left - right
	lo, hi := 10.0, 1000.0
	for _, row := range fieldRows {
		for _, s := range fieldShapes {
			if v := r.median("BenchmarkField/"+s.name, "MB/s:"+row.name); !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
	x := func(v float64) float64 {
		return left + pw*(math.Log10(v)-math.Log10(lo))/(math.Log10(hi)-math.Log10(lo))
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<text x="10" y="22" font-size="14">The field: MB/s on 100k-member payloads (one core, medians of interleaved rounds; log scale)</text>`+"\n")
	for k, s := range fieldShapes {
		lx := left + 170*float64(k)
		fmt.Fprintf(w, `<rect x="%.1f" y="34" width="12" height="10" fill="%s"/><text x="%.1f" y="43">%s</text>`+"\n", lx, colors[k], lx+16, s.head)
	}
	bottom := top + group*float64(len(fieldRows))
	for d := lo; d <= hi*1.001; d *= 10 {
		fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", x(d), top-4, x(d), bottom)
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="middle">%g</text>`+"\n", x(d), bottom+16, d)
	}
	for i, row := range fieldRows {
		gy := top + group*float64(i)
		label := strings.NewReplacer("**", "", "`", "", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(row.label)
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", left-8, gy+bar*1.5+4, label)
		for k, s := range fieldShapes {
			v := r.median("BenchmarkField/"+s.name, "MB/s:"+row.name)
			if math.IsNaN(v) {
				continue
			}
			fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", left, gy+bar*float64(k), math.Max(1, x(v)-left), bar-1, colors[k])
		}
	}
	fmt.Fprintln(w, `</svg>`)
}
