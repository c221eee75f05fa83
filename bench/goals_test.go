package bench

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// smallParses is how many parses of a 1 kB payload one iteration of
// BenchmarkSmall times.
const smallParses = 20_000

// smallPayload returns the payload of the shape with as many members as fit in
// about 1 kB (at least one), and its member count.
func smallPayload(s Shape) ([]byte, int) {
	n := 1
	for len(Generate(s, n+1)) <= 1024 {
		n++
	}
	return Generate(s, n), n
}

// BenchmarkSmall parses a payload of about 1 kB of each shape with a program
// compiled once (issue 14's goal: at most 1.5 µs). Each iteration times
// smallParses parses; it reports the median over iterations of the wall-clock
// and CPU time per parse ("ns/parse", "cpu-ns/parse") and the allocations per
// parse. Run it with -cpu 1; -benchtime 5x suffices, as for BenchmarkField.
func BenchmarkSmall(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			data, n := smallPayload(shape)
			prog, err := Program(shape, 1000, 1<<20)
			if err != nil {
				b.Fatal(err)
			}
			res, err := prog.Parse(data)
			if err != nil {
				b.Fatal(err)
			}
			if got := len(ResultMembers(res)); got != n {
				b.Fatalf("%d members, want %d", got, n)
			}
			var wall, cpu []float64
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				t0, c0 := time.Now(), cpuTime()
				for range smallParses {
					if _, err := prog.Parse(data); err != nil {
						b.Fatal(err)
					}
				}
				wall = append(wall, float64(time.Since(t0).Nanoseconds())/smallParses)
				cpu = append(cpu, float64((cpuTime()-c0).Nanoseconds())/smallParses)
			}
			runtime.ReadMemStats(&after)
			parses := float64(len(wall) * smallParses)
			b.ReportMetric(median(wall), "ns/parse")
			b.ReportMetric(median(cpu), "cpu-ns/parse")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/parses, "allocs/parse")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/parses, "B/parse")
			b.ReportMetric(float64(len(data)), "payload-bytes")
		})
	}
}

// BenchmarkReaderRatio times ParseReader and Parse back to back on the field's
// payloads (100k members of each shape), alternating which goes first, and
// reports the median of the per-iteration ratios of their times
// ("reader/parse"; issue 14's goal: at most 1.10).
func BenchmarkReaderRatio(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			data := Generate(shape, fieldMembers)
			prog, err := Program(shape, fieldMembers, 1<<30)
			if err != nil {
				b.Fatal(err)
			}
			parse := func() time.Duration {
				t0 := time.Now()
				if _, err := prog.Parse(data); err != nil {
					b.Fatal(err)
				}
				return time.Since(t0)
			}
			read := func() time.Duration {
				t0 := time.Now()
				if _, err := prog.ParseReader(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
				return time.Since(t0)
			}
			var ratios []float64
			i := 0
			for b.Loop() {
				var p, r time.Duration
				if i%2 == 0 {
					p, r = parse(), read()
				} else {
					r, p = read(), parse()
				}
				ratios = append(ratios, r.Seconds()/p.Seconds())
				i++
			}
			b.ReportMetric(median(ratios), "reader/parse")
		})
	}
}

// TestSmallPayload checks that the payloads of BenchmarkSmall are about 1 kB and
// valid.
func TestSmallPayload(t *testing.T) {
	for _, shape := range Shapes {
		data, n := smallPayload(shape)
		if len(data) > 1024 || len(data) < 512 || n < 1 {
			t.Errorf("%s: %d bytes, %d members", shape, len(data), n)
		}
		prog, err := Program(shape, 1000, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if res, err := prog.Parse(data); err != nil || len(ResultMembers(res)) != n {
			t.Errorf("%s: %v", shape, err)
		}
		if _, err := prog.ParseReader(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: ParseReader: %v", shape, err)
		}
	}
}
