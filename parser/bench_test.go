package parser_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The benchmarks measure Program.Parse and ParseReader against baselines on the same
// bytes: encoding/json decoding into any plus a pointer walk (the naive path),
// encoding/json.Valid (a validating scan that builds nothing) and a jsontext token
// loop. Payloads are generated here, never stored: members carry 36-byte UUID-like
// IDs and realistic extra fields (strings with escapes and non-ASCII text, nested
// objects and arrays, numbers), about 230 bytes per member.
//
// BENCHMARKS.md has the command that runs them and the table of ratios.

// benchSpecs are the three modes, as partners write them.
var benchSpecs = map[string]string{
	"boolean": `{"requestParser":{"environmentIdPath":"/environmentId","contextKindPath":"/contextKind","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName","cohortUrlPath":"/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value"}}}`,
	"named":   `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/segment/id","cohortNamePath":"/segment/name","addMemberArrayPath":"/data/add","removeMemberArrayPath":"/data/remove","memberArrayParser":{"memberIdPath":"/id"}}}`,
	// overrides is boolean mode with per-member cohort overrides, as amplitude's
	// manifest reads it.
	"overrides": `{"requestParser":{"environmentIdPath":"/environmentId","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","cohortUrlPath":"/batch/0/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName"}}}`,
	"action":    `{"requestParser":{"environmentIdPath":"/parameters/project","cohortIdPath":"/parameters/cohort_id","cohortNamePath":"/parameters/cohort_name","arrayInclusion":{"path":"/action","matcher":"^(members|add_members)$"},"memberArrayPath":"/parameters/members","memberArrayParser":{"memberIdPath":"/distinct_id"}}}`,
}

// benchIDPointers are the pointers the naive baseline walks: the member arrays and
// the member ID, per mode.
var benchIDPointers = map[string][2][]string{
	"boolean":   {{"/batch"}, {"/userId"}},
	"overrides": {{"/batch"}, {"/userId"}},
	"named":     {{"/data/add", "/data/remove"}, {"/id"}},
	"action":    {{"/parameters/members"}, {"/distinct_id"}},
}

var benchModes = []string{"boolean", "overrides", "named", "action"}

// bigLimits lets the big payloads through.
var bigLimits = parser.Limits{MaxBytes: 4 << 30, MaxMembers: 50_000_000}

func benchProgram(b testing.TB, mode string) *parser.Program {
	b.Helper()
	m, err := spec.ParseSyncedSegment([]byte(benchSpecs[mode]))
	if err != nil {
		b.Fatal(err)
	}
	p, err := parser.Compile(m, parser.WithIntegrationKey("bench"), parser.WithLimits(bigLimits))
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// gen writes payloads of one mode.
type gen struct {
	mode string
	rep  uint32 // varies the IDs of a repeated block
}

var extraNames = []string{`Zo\u00eb \"Z\" \u00dcnal`, "Jürgen Groß", "山田 太郎", `Ana\tMaria`, "Plain Name"}

// header is the payload up to the first member array's first element.
func (g gen) header() string {
	switch g.mode {
	case "named":
		return `{"env":"abcd1234","segment":{"id":"segment-1234","name":"Segment \u00e9 1234"},"meta":{"source":"bench","v":2},"data":{"add":[`
	case "overrides":
		return `{"environmentId":"abcd1234","meta":{"source":"bench","v":2},"batch":[`
	case "action":
		return `{"action":"add_members","parameters":{"project":"abcd1234","cohort_id":"segment-1234","cohort_name":"Segment \u00e9 1234","meta":{"v":2},"members":[`
	}
	return `{"environmentId":"abcd1234","contextKind":"user","cohortId":"segment-1234","cohortName":"Segment \u00e9 1234","cohortUrl":"https://example.com/c/1234","meta":{"source":"bench","v":2},"batch":[`
}

// middle separates the add array from the remove array in named mode.
const namedMiddle = `],"remove":[`

func (g gen) footer() string {
	if g.mode == "named" {
		return `]}}`
	}
	if g.mode == "action" {
		return `]}}`
	}
	return `]}`
}

// appendID appends a 36-byte UUID-like ID for member i.
func (g gen) appendID(b []byte, i int) []byte {
	const hex = "0123456789abcdef"
	var id [36]byte
	x := uint64(i)*0x9E3779B97F4A7C15 ^ uint64(g.rep)<<32
	for k := range id {
		switch k {
		case 8, 13, 18, 23:
			id[k] = '-'
		default:
			id[k] = hex[x&15]
			x = x>>4 | x<<60
			if k == 14 {
				x ^= uint64(i)
			}
		}
	}
	// The first 8 characters spell i and the repetition: distinct IDs.
	v := uint64(i) | uint64(g.rep)<<24
	for k := 7; k >= 0; k-- {
		id[k] = hex[v&15]
		v >>= 4
	}
	return append(b, id[:]...)
}

// appendMember appends member i (add says, in boolean mode, its membership).
func (g gen) appendMember(b []byte, i int) []byte {
	idKey := map[string]string{"boolean": `{"userId":"`, "overrides": `{"userId":"`, "named": `{"id":"`, "action": `{"distinct_id":"`}[g.mode]
	b = append(b, idKey...)
	b = g.appendID(b, i)
	b = append(b, '"')
	if g.mode == "overrides" {
		// Most members are in the first cohort, some in two others.
		c := [...]string{"1234", "1234", "1234", "5678", "9abc"}[i%5]
		b = append(b, `,"cohortId":"segment-`...)
		b = append(b, c...)
		b = append(b, `","cohortName":"Segment \u00e9 `...)
		b = append(b, c...)
		b = append(b, `","cohortUrl":"https://example.com/c/`...)
		b = append(b, c...)
		b = append(b, '"')
	}
	if g.mode == "boolean" || g.mode == "overrides" {
		b = append(b, `,"value":`...)
		b = strconv.AppendBool(b, i%3 != 0)
	}
	b = append(b, `,"email":"u`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `@example.com","name":"`...)
	b = append(b, extraNames[i%len(extraNames)]...)
	b = append(b, `","traits":{"age":`...)
	b = strconv.AppendInt(b, int64(18+i%60), 10)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(i%1000-500), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(i%97), 10)
	b = append(b, `e-3,"tags":["b\nc","\ud83d\ude00"],"geo":{"city":"Zürich","lat":47.37}},"createdAt":17000000`...)
	b = strconv.AppendInt(b, int64(10000+i%90000), 10)
	return append(b, '}')
}

// payload returns a payload of n members (in named mode: n/2 added, n/2 removed).
func (g gen) payload(n int) []byte {
	b := make([]byte, 0, n*340+512)
	b = append(b, g.header()...)
	for i := range n {
		if g.mode == "named" && i == n/2 {
			b = append(b, namedMiddle...)
		} else if i > 0 {
			b = append(b, ',')
		}
		b = g.appendMember(b, i)
	}
	return append(b, g.footer()...)
}

// payloadOfSize returns a payload of about size bytes (at least one member).
func (g gen) payloadOfSize(size int) []byte {
	per := len(g.appendMember(nil, 12345)) + 1
	n := max(1, (size-300)/per)
	return g.payload(n)
}

var payloadCache sync.Map // string -> []byte

func cachedPayload(mode string, n int) []byte {
	key := mode + "/" + strconv.Itoa(n)
	if v, ok := payloadCache.Load(key); ok {
		return v.([]byte)
	}
	p := gen{mode: mode}.payload(n)
	payloadCache.Store(key, p)
	return p
}

// idBytes is the size of the text a result extracts: member IDs, cohort IDs and
// names, the environment ID and kind.
func idBytes(r *parser.Result) int {
	n := len(r.EnvironmentID) + len(r.ContextKind)
	for _, s := range r.Segments {
		n += len(s.CohortID) + len(s.CohortName) + len(s.CohortURL)
		for id := range s.Add.Values() {
			n += len(id)
		}
		for id := range s.Remove.Values() {
			n += len(id)
		}
	}
	return n
}

func memberCount(r *parser.Result) int {
	n := 0
	for _, s := range r.Segments {
		n += s.Add.Len() + s.Remove.Len()
	}
	return n
}

// naivePointers returns the naive baseline's pointers for a mode: its member arrays
// and the member ID.
func naivePointers(mode string) ([]jsonpath.Pointer, jsonpath.Pointer) {
	ptrs := benchIDPointers[mode]
	var arrays []jsonpath.Pointer
	for _, s := range ptrs[0] {
		arrays = append(arrays, jsonpath.MustParse(s))
	}
	return arrays, jsonpath.MustParse(ptrs[1][0])
}

// naiveWalk is the naive baseline: encoding/json into any (with UseNumber), then
// the member arrays and IDs found by pointer walks.
func naiveWalk(data []byte, arrays []jsonpath.Pointer, id jsonpath.Pointer) (int, error) {
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return 0, err
	}
	n := 0
	for _, ap := range arrays {
		arr, _ := evalAny(v, ap).([]any)
		for _, m := range arr {
			if s, ok := evalAny(m, id).(string); ok && s != "" {
				n++
			}
		}
	}
	return n, nil
}

// evalAny walks a pointer over an encoding/json tree.
func evalAny(v any, p jsonpath.Pointer) any {
	for _, tok := range p.Tokens() {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func jsontextTokens(data []byte) error {
	d := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	for {
		if _, err := d.ReadToken(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// BenchmarkParse runs Program.Parse on a 100k-member payload of each mode (about
// 23 MB) and reports the bytes allocated per parse over the bytes extracted
// (alloc/idbytes) and the process's CPU time per parse (cpu-ns/op).
func BenchmarkParse(b *testing.B) {
	for _, mode := range benchModes {
		b.Run(mode, func(b *testing.B) {
			prog := benchProgram(b, mode)
			data := cachedPayload(mode, 100_000)
			res, err := prog.Parse(data)
			if err != nil || memberCount(res) != 100_000 {
				b.Fatal(err, memberCount(res))
			}
			ids := idBytes(res)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cpu0 := cpuTime()
			n := 0
			for b.Loop() {
				if _, err := prog.Parse(data); err != nil {
					b.Fatal(err)
				}
				n++
			}
			cpu := cpuTime() - cpu0
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
			perOp := float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
			b.ReportMetric(perOp/float64(ids), "alloc/idbytes")
			b.ReportMetric(float64(ids)/float64(memberCount(res)), "idbytes/member")
		})
	}
}

// BenchmarkBaseline measures the baselines on the payloads of BenchmarkParse.
func BenchmarkBaseline(b *testing.B) {
	for _, mode := range benchModes {
		data := cachedPayload(mode, 100_000)
		b.Run(mode+"/encoding-json-any-walk", func(b *testing.B) {
			arrays, id := naivePointers(mode)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if n, err := naiveWalk(data, arrays, id); err != nil || n != 100_000 {
					b.Fatal(err, n)
				}
			}
		})
		b.Run(mode+"/encoding-json-Valid", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if !json.Valid(data) {
					b.Fatal("invalid")
				}
			}
		})
		b.Run(mode+"/jsontext-tokens", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := jsontextTokens(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRatio times Program.Parse and the two baselines (encoding/json into any
// plus a pointer walk, and encoding/json.Valid) back to back in every iteration, on
// the same bytes, and reports the throughput ratios: Parse over naive (x-naive) and
// Parse over Valid (x-valid). Interleaving keeps a shared, noisy machine from
// favouring whichever benchmark happened to run in a quiet moment; the ratios are
// the median of the per-iteration ratios.
func BenchmarkRatio(b *testing.B) {
	for _, mode := range benchModes {
		b.Run(mode, func(b *testing.B) {
			prog := benchProgram(b, mode)
			data := cachedPayload(mode, 100_000)
			arrays, id := naivePointers(mode)
			var naive, valid []float64
			for b.Loop() {
				t0 := time.Now()
				if _, err := prog.Parse(data); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if n, err := naiveWalk(data, arrays, id); err != nil || n != 100_000 {
					b.Fatal(err, n)
				}
				t2 := time.Now()
				if !json.Valid(data) {
					b.Fatal("invalid")
				}
				t3 := time.Now()
				parse := float64(t1.Sub(t0))
				naive = append(naive, float64(t2.Sub(t1))/parse)
				valid = append(valid, float64(t3.Sub(t2))/parse)
			}
			b.ReportMetric(median(naive), "x-naive")
			b.ReportMetric(median(valid), "x-valid")
		})
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkSmall parses a 1 kB payload with a program compiled once.
func BenchmarkSmall(b *testing.B) {
	prog := benchProgram(b, "boolean")
	data := gen{mode: "boolean"}.payloadOfSize(1 << 10)
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
}

// BenchmarkParallel runs Parse from GOMAXPROCS goroutines on one Program, as a busy
// ingestion service would (parse), and the naive baseline the same way (naive): with
// every core busy, the naive path's garbage collector no longer gets an idle core to
// itself, so the ratio of the two is the throughput ratio of a loaded service.
func BenchmarkParallel(b *testing.B) {
	data := cachedPayload("boolean", 100_000)
	b.Run("parse", func(b *testing.B) {
		prog := benchProgram(b, "boolean")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := prog.Parse(data); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
	})
	b.Run("naive", func(b *testing.B) {
		arrays, id := naivePointers("boolean")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if n, err := naiveWalk(data, arrays, id); err != nil || n != 100_000 {
					b.Error(err, n)
					return
				}
			}
		})
	})
}

// BenchmarkReader compares Parse and ParseReader on the same 100 MB (boolean mode).
func BenchmarkReader(b *testing.B) {
	prog := benchProgram(b, "boolean")
	data := gen{mode: "boolean"}.payloadOfSize(100 << 20)
	b.Run("Parse-100MB", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prog.Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ParseReader-100MB", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prog.ParseReader(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReaderRatio times Parse and ParseReader back to back on the same 100 MB
// (boolean mode) in every iteration, alternating which goes first, and reports the
// median of the per-iteration ratios of ParseReader's time over Parse's
// (reader/parse; the goal is at most 1.1).
func BenchmarkReaderRatio(b *testing.B) {
	prog := benchProgram(b, "boolean")
	data := gen{mode: "boolean"}.payloadOfSize(100 << 20)
	parse := func() error { _, err := prog.Parse(data); return err }
	read := func() error { _, err := prog.ParseReader(bytes.NewReader(data)); return err }
	var ratios []float64
	round := 0
	for b.Loop() {
		var took [2]time.Duration
		for k := range 2 {
			i := (k + round) % 2
			t0 := time.Now()
			if err := [2]func() error{parse, read}[i](); err != nil {
				b.Fatal(err)
			}
			took[i] = time.Since(t0)
		}
		ratios = append(ratios, float64(took[1])/float64(took[0]))
		round++
	}
	b.ReportMetric(median(ratios), "reader/parse")
}

// streamReader generates a boolean-mode payload of about size bytes without holding
// it: a block of members is written once and repeated with fresh IDs.
type streamReader struct {
	g       gen
	block   []byte
	idAt    []int // offsets of the IDs in block
	members int   // per block
	pending []byte
	left    int64 // bytes of members still to produce
	done    bool
}

func newStreamReader(size int64) *streamReader {
	g := gen{mode: "boolean"}
	r := &streamReader{g: g}
	var b []byte
	for i := range 4096 {
		b = append(b, ',')
		start := len(b)
		b = g.appendMember(b, i)
		r.idAt = append(r.idAt, start+len(`{"userId":"`))
	}
	r.block, r.members = b, 4096
	r.pending = append([]byte(g.header()), b[1:]...) // the first block has no comma
	r.left = size - int64(len(r.pending))
	return r
}

func (r *streamReader) Read(p []byte) (int, error) {
	if len(r.pending) == 0 {
		switch {
		case r.done:
			return 0, io.EOF
		case r.left <= 0:
			r.pending, r.done = []byte(r.g.footer()), true
		default:
			// Next block: fresh IDs.
			r.g.rep++
			for i, at := range r.idAt {
				r.g.appendID(r.block[:at], i)
			}
			r.pending = r.block
			r.left -= int64(len(r.block))
		}
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// BenchmarkStream1GB runs ParseReader over a generated 1 GB payload (about 4.4M
// members) and samples the heap while it runs: peak-heap-MB is the highest live
// heap seen, result-MB the size of the result (ID bytes plus a 4-byte end per
// member, parser.Members' layout), and peak/result their ratio. Run it with
// -benchtime 1x.
func BenchmarkStream1GB(b *testing.B) {
	prog := benchProgram(b, "boolean")
	const size = 1 << 30
	b.SetBytes(size)
	var peak, result float64
	for b.Loop() {
		runtime.GC()
		base := heapBytes()
		var max atomic.Uint64
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			t := time.NewTicker(2 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					if h := heapBytes(); h > max.Load() {
						max.Store(h)
					}
				}
			}
		}()
		res, err := prog.ParseReader(newStreamReader(size))
		close(stop)
		<-done
		if err != nil {
			b.Fatal(err)
		}
		if h := heapBytes(); h > max.Load() {
			max.Store(h)
		}
		peak = float64(max.Load()-min(base, max.Load())) / (1 << 20)
		result = float64(idBytes(res)+4*memberCount(res)) / (1 << 20)
		runtime.KeepAlive(res)
	}
	b.ReportMetric(peak, "peak-heap-MB")
	b.ReportMetric(result, "result-MB")
	b.ReportMetric(peak/result, "peak/result")
}

// heapBytes returns the bytes of heap memory occupied by objects, live or not yet
// swept.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// BenchmarkSizes measures throughput against payload size, 1 kB to 100 MB, for
// Parse and the baselines (boolean mode); internal/benchplot draws it.
func BenchmarkSizes(b *testing.B) {
	prog := benchProgram(b, "boolean")
	for _, size := range []int{1 << 10, 10 << 10, 100 << 10, 1 << 20, 10 << 20, 100 << 20} {
		data := gen{mode: "boolean"}.payloadOfSize(size)
		name := sizeName(size)
		b.Run("Parse/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := prog.Parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("ParseReader/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := prog.ParseReader(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("encoding-json-Valid/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !json.Valid(data) {
					b.Fatal("invalid")
				}
			}
		})
		b.Run("encoding-json-any-walk/"+name, func(b *testing.B) {
			arrays := []jsonpath.Pointer{jsonpath.MustParse("/batch")}
			id := jsonpath.MustParse("/userId")
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := naiveWalk(data, arrays, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%dMB", n>>20)
	default:
		return fmt.Sprintf("%dkB", n>>10)
	}
}

// TestBenchPayloads checks that the generated payloads are what the benchmarks
// assume: valid JSON, the member count, and the same result on both paths.
func TestBenchPayloads(t *testing.T) {
	for _, mode := range benchModes {
		prog := benchProgram(t, mode)
		data := gen{mode: mode}.payload(500)
		if !json.Valid(data) {
			t.Fatalf("%s: invalid payload", mode)
		}
		res, err := prog.Parse(data)
		if err != nil || memberCount(res) != 500 {
			t.Fatalf("%s: %v, %d members", mode, err, memberCount(res))
		}
		for _, s := range res.Segments {
			for _, id := range append(s.Add.Strings(), s.Remove.Strings()...) {
				if len(id) != 36 {
					t.Fatalf("%s: ID %q is not 36 bytes", mode, id)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, newStreamReader(2<<20)); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatal("stream payload is not valid JSON")
	}
	res, err := benchProgram(t, "boolean").Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if n := memberCount(res); n < 8000 {
		t.Fatalf("stream payload: %d members (IDs repeat across blocks?)", n)
	}
}

// BenchmarkBreakdown splits Parse's time on the boolean payload into its phases, each
// measured whole: validating alone (the scanner with an empty query), the scan
// following the program's query with events ignored, the scan with the collector,
// and the full Parse (which adds the dedupe and the result). Each phase's cost is
// the difference from the one before.
func BenchmarkBreakdown(b *testing.B) {
	prog := benchProgram(b, "boolean")
	data := cachedPayload("boolean", 100_000)
	empty, err := jsonscan.Compile(nil, jsonscan.WithMaxDepth(512))
	if err != nil {
		b.Fatal(err)
	}
	for _, phase := range []struct {
		name string
		run  func() error
	}{
		{"1-validate", func() error { return empty.Scan(data, jsonscan.NopHandler{}) }},
		{"2-query", func() error { return parser.ScanQueryOnly(prog, data) }},
		{"3-collect", func() error { return parser.ScanCollectOnly(prog, data) }},
		{"4-parse", func() error { _, err := prog.Parse(data); return err }},
	} {
		b.Run(phase.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				if err := phase.run(); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(n), "cpu-ns/op")
		})
	}
}

// BenchmarkParseReaderHugeValue streams a payload whose cohort name is a 1 GiB
// string through ParseReader: the value is validated without being held, so the
// bytes allocated per op (an upper bound of the heap it grows) stay in kilobytes.
// The baseline "discard" copies the same stream to io.Discard, the floor of any
// reader of it.
func BenchmarkParseReaderHugeValue(b *testing.B) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`))
	if err != nil {
		b.Fatal(err)
	}
	prog, err := parser.Compile(m, parser.WithLimits(parser.Limits{MaxBytes: 2 << 30}))
	if err != nil {
		b.Fatal(err)
	}
	const size = 1 << 30
	unit := strings.Repeat("x", 64<<10)
	payload := func() io.Reader {
		return repeatReader(`{"e":"e","c":"c","add":["u1"],"n":"`, unit, size/int64(len(unit)), `"}`)
	}
	b.Run("ParseReader", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			_, err := prog.ParseReader(payload())
			var perr *parser.Error
			if !errors.As(err, &perr) || perr.Code != parser.CodeTooLarge || perr.Pointer != "/n" {
				b.Fatalf("got %v, want too_large at /n", err)
			}
		}
	})
	b.Run("discard", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := io.Copy(io.Discard, payload()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
