package bench

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/segsync/segsync/parser"
)

// fieldMembers is the payload size of BenchmarkField.
const fieldMembers = 100_000

// BenchmarkField runs segsync's Parse and every peer of the field on a payload of
// each shape (100k members). Each iteration times all of them once, back to back,
// in an order that rotates from one iteration to the next, so that a noisy moment
// of a shared machine hits every contestant alike; each reports the median of its
// per-iteration throughputs ("MB/s:<peer>"), and segsync's throughput over the
// peer's ("x:<peer>", the median of the per-iteration ratios of their times). Before timing, each
// extractor's members are compared with segsync's ("ok:<peer>" is 1 when count
// and hash agree, else 0), and each contestant is run on the invalid inputs of
// strictCases ("lax:<peer>" counts those it accepts). For segsync it also reports
// the bytes a Parse allocates per byte of ID text it extracts
// ("alloc/idbyte:segsync"), and whether its scanner took the AVX2 path
// ("simd:segsync", 1 in a GOEXPERIMENT=simd build on an AVX2 machine).
//
// Run it with -cpu 1 and -benchtime 5x (every iteration runs the whole field).
func BenchmarkField(b *testing.B) {
	for _, shape := range Shapes {
		b.Run(string(shape), func(b *testing.B) {
			data := Generate(shape, fieldMembers)
			prog, err := Program(shape, fieldMembers, 1<<30)
			if err != nil {
				b.Fatal(err)
			}
			res, err := prog.Parse(data)
			if err != nil {
				b.Fatal(err)
			}
			want := DigestOf(ResultMembers(res))
			if want.Count != fieldMembers {
				b.Fatalf("segsync: %d members", want.Count)
			}
			type entry struct {
				name string
				run  func() error
			}
			entries := []entry{{"segsync", func() error { _, err := prog.Parse(data); return err }}}
			// Checks, reported after the loop (b.Loop's first call drops metrics
			// reported before it).
			checks := map[string]float64{"lax:segsync": float64(laxCount(segsyncValid(shape))), "simd:segsync": 0}
			if SIMDPath() {
				checks["simd:segsync"] = 1
			}
			checks["alloc/idbyte:segsync"] = allocPerIDByte(b, func() *parser.Result {
				r, err := prog.Parse(data)
				if err != nil {
					b.Fatal(err)
				}
				return r
			})
			for _, p := range Peers {
				if p.Valid != nil {
					if !p.Valid(data) {
						b.Fatalf("%s refuses the payload", p.Name)
					}
					entries = append(entries, entry{p.Name, func() error {
						if !p.Valid(data) {
							return errInvalid
						}
						return nil
					}})
					checks["lax:"+p.Name] = float64(laxCount(p.Valid))
					continue
				}
				ex := p.Extract(shape)
				got, err := ex(data, nil)
				if err != nil {
					b.Fatalf("%s: %v", p.Name, err)
				}
				ok := 0.0
				if DigestOf(got) == want {
					ok = 1
				}
				checks["ok:"+p.Name] = ok
				checks["lax:"+p.Name] = float64(laxCount(extractorValid(p.Extract(shape))))
				buf := got[:0]
				entries = append(entries, entry{p.Name, func() error {
					var err error
					buf, err = ex(data, buf[:0])
					return err
				}})
			}
			speed := make([][]float64, len(entries))
			ratio := make([][]float64, len(entries))
			took := make([]time.Duration, len(entries))
			round := 0
			for b.Loop() {
				for k := range entries {
					i := (k + round) % len(entries)
					t0 := time.Now()
					if err := entries[i].run(); err != nil {
						b.Fatalf("%s: %v", entries[i].name, err)
					}
					took[i] = time.Since(t0)
				}
				for i := range entries {
					speed[i] = append(speed[i], float64(len(data))/took[i].Seconds()/1e6)
					ratio[i] = append(ratio[i], took[i].Seconds()/took[0].Seconds())
				}
				round++
			}
			for i, e := range entries {
				b.ReportMetric(median(speed[i]), "MB/s:"+e.name)
				if i > 0 {
					b.ReportMetric(median(ratio[i]), "x:"+e.name)
				}
			}
			for k, v := range checks {
				b.ReportMetric(v, k)
			}
			b.ReportMetric(float64(len(data))/1e6, "MB")
		})
	}
}

// allocPerIDByte returns the bytes parse allocates, averaged over a few calls,
// per byte of the member IDs in its result.
func allocPerIDByte(b *testing.B, parse func() *parser.Result) float64 {
	const n = 3
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var r *parser.Result
	for range n {
		r = parse()
	}
	runtime.ReadMemStats(&after)
	ids := 0
	for _, m := range ResultMembers(r) {
		ids += len(m.ID)
	}
	if ids == 0 {
		b.Fatal("no IDs")
	}
	return float64(after.TotalAlloc-before.TotalAlloc) / n / float64(ids)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestPeersAgree checks every extractor against segsync on a small payload of each
// shape, and that every validator accepts it. ojg is expected to disagree: it
// decodes the surrogate pair of an escaped ID into two U+FFFD.
func TestPeersAgree(t *testing.T) {
	for _, shape := range Shapes {
		data := Generate(shape, 2000)
		prog, err := Program(shape, 1_000_000, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		res, err := prog.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		want := ResultMembers(res)
		if len(want) != 2000 {
			t.Fatalf("%s: segsync gives %d members", shape, len(want))
		}
		for _, p := range Peers {
			t.Run(fmt.Sprintf("%s/%s", shape, p.Name), func(t *testing.T) {
				if p.Valid != nil {
					if !p.Valid(data) {
						t.Fatal("refuses the payload")
					}
					return
				}
				got, err := p.Extract(shape)(data, nil)
				if err != nil {
					t.Fatal(err)
				}
				agree := DigestOf(got) == DigestOf(want)
				if wantAgree := p.Name != "ojg"; agree != wantAgree {
					t.Errorf("agrees with segsync: %v, want %v (%d members, segsync %d)", agree, wantAgree, len(got), len(want))
				}
			})
		}
	}
}

// TestScanOnlyStrict checks that the field's "segsync.scan" entry refuses every
// strict case, as Parse does, and accepts each shape's payload.
func TestScanOnlyStrict(t *testing.T) {
	if n := laxCount(ScanOnly); n != 0 {
		t.Errorf("ScanOnly accepts %d of the strict cases", n)
	}
	for _, shape := range Shapes {
		if !ScanOnly(Generate(shape, 100)) {
			t.Errorf("%s: ScanOnly refuses the payload", shape)
		}
	}
}
