package parser

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// TestDedupeRepeats holds Parse and ParseReader to the reference evaluator on
// payloads of more records than maxScanDedupe, so that repeats go through
// dedupe's filter and hash table: no repeat, every record a repeat, repeats
// far apart and close together, the same member added and removed within one
// array and across the named arrays, and the same ID in different cohorts
// (override segments: not a repeat) and in one cohort named by an override and
// the top level (a repeat). Sizes from just past maxScanDedupe to thousands of
// records make the filter's bits collide, so that members that are not
// repeats meet in the table too.
func TestDedupeRepeats(t *testing.T) {
	byName := diffProgramsByName(t)
	patterns := []struct {
		name string
		id   func(i, n int) string // the ID of record i of n
	}{
		{"distinct", func(i, _ int) string { return fmt.Sprintf("user-%d", i) }},
		{"all-same", func(int, int) string { return "same" }},
		{"halves", func(i, n int) string { return fmt.Sprintf("user-%d", i%max(1, n/2)) }},
		{"every-7th", func(i, _ int) string {
			if i%7 == 6 {
				return fmt.Sprintf("user-%d", i/2)
			}
			return fmt.Sprintf("user-%d", i)
		}},
		{"neighbours", func(i, _ int) string { return fmt.Sprintf("u%d", i/2) }},
		{"last-repeats-first", func(i, n int) string {
			if i == n-1 {
				return "user-0"
			}
			return fmt.Sprintf("user-%d", i)
		}},
		// IDs that differ only past their first and last bytes, and by length.
		{"lengths", func(i, _ int) string { return "x" + strings.Repeat("-", i%13) + fmt.Sprint(i%50) }},
	}
	for _, n := range []int{maxScanDedupe + 1, 17, 300, 5000} {
		for _, pat := range patterns {
			var batch, add, remove, members []string
			for i := range n {
				id := pat.id(i, n)
				// Cohorts: mostly the top level's, named by the override or
				// not, some in a second and third cohort.
				cohort := [...]string{`"cohortId":"c",`, ``, `"cohortId":"c",`, `"cohortId":"d",`, `"cohortId":"e","cohortName":"E",`}[i*7%5]
				batch = append(batch, fmt.Sprintf(`{"userId":%q,%s"value":%t}`, id, cohort, i%3 != 0))
				if i%4 != 3 {
					add = append(add, fmt.Sprintf(`{"id":%q}`, id))
				} else {
					remove = append(remove, fmt.Sprintf(`{"id":%q}`, id))
				}
				members = append(members, fmt.Sprintf(`{"distinct_id":%q}`, id))
			}
			for name, payload := range map[string]string{
				"boolean": fmt.Sprintf(`{"environmentId":"e","batch":[{"userId":"first","value":true,"cohortId":"c","cohortName":"C"},%s]}`, strings.Join(batch, ",")),
				"named":   fmt.Sprintf(`{"env":"e","segment":{"id":"s","name":"S"},"data":{"add":[%s],"remove":[%s]}}`, strings.Join(add, ","), strings.Join(remove, ",")),
				"action":  fmt.Sprintf(`{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[%s]}}`, strings.Join(members, ",")),
			} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, pat.name, n), func(t *testing.T) {
					checkLarge(t, byName[name], []byte(payload))
				})
			}
		}
	}
}

// checkLarge is checkFastVsReference for payloads too long to print: it
// requires a result, and shows the first difference.
func checkLarge(t *testing.T, p *Program, payload []byte) {
	t.Helper()
	want, err := p.evalReference(bytes.NewReader(payload))
	if err != nil {
		t.Fatalf("reference: %v", err)
	}
	for _, run := range []struct {
		name  string
		parse func() (*Result, error)
	}{
		{"Parse", func() (*Result, error) { return p.Parse(payload) }},
		{"ParseReader", func() (*Result, error) { return p.ParseReader(iotest.HalfReader(bytes.NewReader(payload))) }},
	} {
		got, err := run.parse()
		if err != nil {
			t.Fatalf("%s: %v", run.name, err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%s: %s", run.name, firstDifference(want, got))
		}
	}
}

// firstDifference describes where two results first differ.
func firstDifference(want, got *Result) string {
	if len(want.Segments) != len(got.Segments) {
		return fmt.Sprintf("%d segments, want %d", len(got.Segments), len(want.Segments))
	}
	for i, w := range want.Segments {
		g := got.Segments[i]
		for _, l := range []struct {
			name      string
			want, got Members
		}{{"add", w.Add, g.Add}, {"remove", w.Remove, g.Remove}} {
			if l.want.Len() != l.got.Len() {
				return fmt.Sprintf("segment %d: %d members in %s, want %d", i, l.got.Len(), l.name, l.want.Len())
			}
			for k, want := range l.want.All() {
				if got := l.got.At(k); got != want {
					return fmt.Sprintf("segment %d: %s[%d] = %q, want %q", i, l.name, k, got, want)
				}
			}
		}
	}
	return fmt.Sprintf("results differ\nreference: %s\nfast:      %s", resultString(want), resultString(got))
}

// TestDedupeCounts holds dedupe's counts, which size the result's block of
// IDs and its slices, to the reference result: the unique members and their ID
// bytes, with and without repeats, through the comparing path and the filter.
func TestDedupeCounts(t *testing.T) {
	p := diffProgramsByName(t)["named"]
	for _, n := range []int{3, maxScanDedupe + 1, 2000} {
		for _, every := range []int{0, 2, 5} {
			var add, remove []string
			for i := range n {
				id := fmt.Sprintf("member-%d", i)
				if every > 0 && i%every == every-1 {
					id = fmt.Sprintf("member-%d", i/3)
				}
				if i%3 == 2 {
					remove = append(remove, id)
				} else {
					add = append(add, id)
				}
			}
			payload := namedPayload(add, remove)
			want, err := p.evalReference(bytes.NewReader(payload))
			if err != nil {
				t.Fatal(err)
			}
			wantUnique, wantBytes := 0, 0
			for _, s := range want.Segments {
				for _, id := range append(s.Add.Strings(), s.Remove.Strings()...) {
					wantUnique++
					wantBytes += len(id)
				}
			}
			c := p.getCollector()
			if err := p.scan(p.query, payload, nil, c); err != nil {
				t.Fatal(err)
			}
			c.topTexts()
			idBytes, unique := c.dedupe()
			if unique != wantUnique || idBytes != wantBytes {
				t.Errorf("%d records, a repeat every %d: %d members of %d bytes, want %d of %d", n, every, unique, idBytes, wantUnique, wantBytes)
			}
			p.putCollector(c)
		}
	}
}
