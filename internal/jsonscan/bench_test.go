package jsonscan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// benchPayload is a realistic boolean-mode sync of 100k members (about 19 MB), with
// fields no path asks for: strings with escapes and non-ASCII text, nested objects
// and arrays, numbers.
var benchPayload = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	b.WriteString(`{"environmentId":"abcd1234","contextKind":"user","cohortId":"segment-1234",` +
		`"cohortName":"Segment \u00e9 1234","cohortUrl":"https://example.com/c/1234","meta":{"source":"bench","v":2},"batch":[`)
	names := []string{`Zo\u00eb \"Z\" \u00dcnal`, "Jürgen Groß", "山田 太郎", `Ana\tMaria`, "Plain Name"}
	for i := range 100_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"userId":"user-%06d","value":%t,"email":"u%d@ex.com","name":"%s",`+
			`"traits":{"age":%d,"score":%d.%de-3,"tags":["b\nc","\ud83d\ude00"],"geo":{"c":"Zürich"}},`+
			`"createdAt":17000000%05d}`,
			i, i%3 != 0, i, names[i%len(names)], 18+i%60, i%1000-500, i%97, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
})

var benchPaths = []Path{
	p(1, "environmentId"),
	p(2, "contextKind"),
	p(3, "cohortId"),
	p(4, "cohortName"),
	p(5, "cohortUrl"),
	each(6, []Path{p(60, "userId"), p(61, "value")}, "batch"),
}

// countHandler consumes events the way a program would: it counts members.
type countHandler struct {
	NopHandler
	members, ids int
}

func (h *countHandler) BeginElement(int, int) error { h.members++; return nil }
func (h *countHandler) Capture(slot int, _ Kind, text []byte) error {
	if slot == 60 {
		h.ids += len(text)
	}
	return nil
}

func BenchmarkScan(b *testing.B) {
	data := benchPayload()
	if !json.Valid(data) {
		b.Fatal("benchmark payload is not valid JSON")
	}
	q := mustCompile(b, benchPaths)
	b.Run("bytes", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var h countHandler
			if err := q.Scan(data, &h); err != nil || h.members != 100_000 {
				b.Fatal(err, h.members)
			}
		}
	})
	b.Run("reader", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var h countHandler
			if err := q.ScanReader(bytes.NewReader(data), &h); err != nil || h.members != 100_000 {
				b.Fatal(err, h.members)
			}
		}
	})
	b.Run("validate-only", func(b *testing.B) {
		qv := mustCompile(b, nil)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if err := qv.Scan(data, NopHandler{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBaseline measures the same payload with encoding/json: Valid (the speed
// to beat by 1.5x) and decoding into any plus a walk (the naive path, to beat by 8x).
func BenchmarkBaseline(b *testing.B) {
	data := benchPayload()
	b.Run("encoding-json-Valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("encoding-json-any-walk", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			d := json.NewDecoder(bytes.NewReader(data))
			d.UseNumber()
			if err := d.Decode(&v); err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, m := range v.(map[string]any)["batch"].([]any) {
				if id, ok := m.(map[string]any)["userId"].(string); ok && strings.HasPrefix(id, "user-") {
					n++
				}
			}
			if n != 100_000 {
				b.Fatal(n)
			}
		}
	})
}
