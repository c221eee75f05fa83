package parser_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// robustSpec is a named-arrays spec whose members are their own IDs.
const robustSpec = `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`

// heavy skips a test unless SEGSYNC_HEAVY=1.
func heavy(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("SEGSYNC_HEAVY") != "1" {
		t.Skipf("%s: heavy; run with SEGSYNC_HEAVY=1", what)
	}
}

// parseBoth runs a payload through Parse and ParseReader, requires them to agree,
// and returns the result and error.
func parseBoth(t *testing.T, prog *parser.Program, payload []byte) (*parser.Result, *parser.Error) {
	t.Helper()
	res, err := prog.Parse(payload)
	res2, err2 := prog.ParseReader(bytes.NewReader(payload))
	require.Equal(t, codeOf(err), codeOf(err2), "Parse and ParseReader disagree")
	require.Equal(t, res, res2, "Parse and ParseReader disagree")
	if err == nil {
		return res, nil
	}
	var pe *parser.Error
	require.True(t, errors.As(err, &pe), "error %T is not a *parser.Error", err)
	return res, pe
}

func codeOf(err error) string {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return string(pe.Code) + " " + pe.Pointer.String()
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// TestLimitBounds checks each limit on both sides of its bound: at the bound the
// payload passes, one past it is too_large (413) at the stated pointer.
func TestLimitBounds(t *testing.T) {
	small := parser.WithLimits(parser.Limits{MaxBytes: 200, MaxDepth: 4, MaxMembers: 3, MaxValueBytes: 5})
	prog := compileJSON(t, robustSpec, small)
	doc := func(add string) string { return `{"e":"e","c":"c","n":"n","add":` + add + `}` }
	pad := func(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }
	tests := []struct {
		name    string
		payload string
		pointer string // "" with ok false: the whole payload
		ok      bool
	}{
		{"bytes at the limit pass", pad(doc(`[]`), 200), "", true},
		{"one byte past the limit is too_large", pad(doc(`[]`), 201), "", false},
		{"an invalid payload past the limit is too_large", pad(`x`, 201), "", false},
		{"depth at the limit passes", `{"e":"e","c":"c","n":"n","x":[[[]]]}`, "", true},
		{"one level past the depth limit is too_large", `{"e":"e","c":"c","n":"n","x":[[[[]]]]}`, "", false},
		{"members at the limit pass", doc(`["a","b","c"]`), "", true},
		{"one member past the limit is too_large", doc(`["a","b","c","d"]`), "/add", false},
		{"members past the limit count across arrays", `{"e":"e","c":"c","n":"n","add":["a","b"],"remove":["c","d"]}`, "/remove", false},
		{"members past the limit count after a bad member", doc(`["",1,2,3]`), "/add", false},
		{"an ID at the value limit passes", doc(`["abcde"]`), "", true},
		{"an ID past the value limit is too_large", doc(`["abcdef"]`), "/add/0", false},
		{"a number ID past the value limit is too_large", doc(`[123456]`), "/add/0", false},
		{"a cohort name past the value limit is too_large", `{"e":"e","c":"c","n":"nnnnnn"}`, "/n", false},
		{"an environment ID past the value limit is too_large", `{"e":"eeeeee","c":"c","n":"n"}`, "/e", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, pe := parseBoth(t, prog, []byte(tt.payload))
			if tt.ok {
				require.Nil(t, pe)
				return
			}
			require.NotNil(t, pe)
			require.Equal(t, parser.CodeTooLarge, pe.Code, "%v", pe)
			require.Equal(t, 413, pe.Status)
			require.Equal(t, tt.pointer, pe.Pointer.String())
		})
	}
}

// TestDefaultLimits states the defaults a Program gets when none are given.
func TestDefaultLimits(t *testing.T) {
	got := compileJSON(t, robustSpec).Limits()
	want := parser.Limits{MaxBytes: 64 << 20, MaxDepth: 512, MaxMembers: 1_000_000, MaxValueBytes: 64 << 10, MaxCaptureBytes: 256 << 10}
	require.Equal(t, want, got)
}

// repeatReader streams prefix, then body repeated n times, then suffix, without
// holding the whole payload.
func repeatReader(prefix, body string, n int64, suffix string) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), &repeater{body: body, left: n}, strings.NewReader(suffix))
}

type repeater struct {
	body string
	left int64
	off  int
}

func (r *repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.left > 0 {
		k := copy(p[n:], r.body[r.off:])
		n += k
		r.off += k
		if r.off == len(r.body) {
			r.off = 0
			r.left--
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// TestDeepDocuments: documents nested 100,000 and 10,000,000 deep are too_large
// at the depth limit, without recursion; so is one past the decoder's ceiling
// under a limit set higher than it.
func TestDeepDocuments(t *testing.T) {
	prog := compileJSON(t, robustSpec)
	t.Run("100,000 deep arrays are too_large", func(t *testing.T) {
		_, pe := parseBoth(t, prog, []byte(nested(100_000)))
		require.NotNil(t, pe)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
	})
	t.Run("100,000 deep objects are too_large", func(t *testing.T) {
		_, pe := parseBoth(t, prog, []byte(strings.Repeat(`{"a":`, 100_000)+"1"+strings.Repeat("}", 100_000)))
		require.NotNil(t, pe)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
	})
	t.Run("10,000,000 deep arrays streamed are too_large", func(t *testing.T) {
		r := repeatReader("", "[", 10_000_000, strings.Repeat("]", 10))
		_, err := prog.ParseReader(r)
		var pe *parser.Error
		require.True(t, errors.As(err, &pe), "%v", err)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
	})
	t.Run("past the decoder ceiling with a higher limit is too_large", func(t *testing.T) {
		high := compileJSON(t, robustSpec, parser.WithLimits(parser.Limits{MaxDepth: 1_000_000}))
		_, pe := parseBoth(t, high, []byte(nested(jsonvalue.MaxDepthCeiling+1)))
		require.NotNil(t, pe)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
		_, pe = parseBoth(t, high, []byte(`{"e":"e","c":"c","n":"n","x":`+nested(jsonvalue.MaxDepthCeiling-1)+`}`))
		require.Nil(t, pe, "at the ceiling")
	})
}

// TestLargePayloads streams payloads much larger than memory should hold.
func TestLargePayloads(t *testing.T) {
	t.Run("1 GB over the default limit is too_large after 64 MiB", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 64 MiB; skipped under -short")
		}
		prog := compileJSON(t, robustSpec)
		r := repeatReader(`{"e":"e","c":"c","n":"n","add":["u1"],"pad":"`, strings.Repeat("x", 1<<20), 1<<10, `"}`)
		_, err := prog.ParseReader(r)
		var pe *parser.Error
		require.True(t, errors.As(err, &pe), "%v", err)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
		require.Equal(t, jsonpath.Root, pe.Pointer)
	})
	t.Run("1 GB within a raised limit is parsed", func(t *testing.T) {
		heavy(t, "streams 1 GB through ParseReader")
		prog := compileJSON(t, robustSpec, parser.WithLimits(parser.Limits{MaxBytes: 2 << 30}))
		// Whitespace padding: the scan keeps none of it.
		r := repeatReader(`{"e":"e","c":"c","n":"n","add":["u1"],`, strings.Repeat(" ", 1<<20), 1<<10, `"remove":["u2"]}`)
		start := time.Now()
		res, err := prog.ParseReader(r)
		require.NoError(t, err)
		require.Equal(t, []string{"u1"}, res.Segments[0].Add.Strings())
		require.Equal(t, []string{"u2"}, res.Segments[0].Remove.Strings())
		t.Logf("1 GB in %v", time.Since(start))
	})
	t.Run("default member limit plus one is too_large", func(t *testing.T) {
		if testing.Short() {
			t.Skip("a million members; skipped under -short")
		}
		prog := compileJSON(t, robustSpec)
		r := repeatReader(`{"e":"e","c":"c","n":"n","add":[0`, ",1", parser.DefaultMaxMembers, `]}`)
		_, err := prog.ParseReader(r)
		var pe *parser.Error
		require.True(t, errors.As(err, &pe), "%v", err)
		require.Equal(t, parser.CodeTooLarge, pe.Code)
		require.Equal(t, jsonpath.Pointer("/add"), pe.Pointer)
	})
	t.Run("10 million member IDs within a raised limit", func(t *testing.T) {
		heavy(t, "10 million members through ParseReader")
		const n = 10_000_000
		prog := compileJSON(t, robustSpec, parser.WithLimits(parser.Limits{MaxMembers: n, MaxBytes: 1 << 30}))
		var b bytes.Buffer
		b.WriteString(`{"e":"e","c":"c","n":"n","add":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(i))
		}
		b.WriteString(`]}`)
		start := time.Now()
		res, err := prog.ParseReader(&b)
		require.NoError(t, err)
		require.Equal(t, n, res.Segments[0].Add.Len())
		require.Equal(t, "9999999", res.Segments[0].Add.At(n-1))
		t.Logf("10M members in %v", time.Since(start))
	})
}

// TestHostileValues states the answer to each hostile value, as an ID or a key.
func TestHostileValues(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/in"}}}`)
	member := func(id string) string { return `{"e":"e","c":"c","n":"n","m":[{"id":` + id + `,"in":true}]}` }
	tests := []struct {
		name    string
		payload string
		add     []string    // the wanted add list, when accepted
		code    parser.Code // the wanted code, when rejected
	}{
		{"invalid UTF-8 in a string is invalid_json", member("\"a\xffb\""), nil, parser.CodeInvalidJSON},
		{"invalid UTF-8 in a key is invalid_json", `{"e":"e","c":"c","n":"n","m":[],"k` + "\xc3" + `":1}`, nil, parser.CodeInvalidJSON},
		{"an overlong encoding is invalid_json", member("\"\xc0\xaf\""), nil, parser.CodeInvalidJSON},
		{"a raw surrogate in UTF-8 is invalid_json", member("\"\xed\xa0\x80\""), nil, parser.CodeInvalidJSON},
		{"a lone high surrogate escape is invalid_json", member(`"\ud800"`), nil, parser.CodeInvalidJSON},
		{"a lone low surrogate escape is invalid_json", member(`"\udc00"`), nil, parser.CodeInvalidJSON},
		{"a lone surrogate escape in a key is invalid_json", `{"e":"e","c":"c","n":"n","m":[],"\ud800":1}`, nil, parser.CodeInvalidJSON},
		{"a paired surrogate escape is the character", member(`"\ud83d\ude00"`), []string{"\U0001F600"}, ""},
		{"1e400 as an ID is its literal text", member(`1e400`), []string{"1e400"}, ""},
		{"-0 as an ID is its literal text", member(`-0`), []string{"-0"}, ""},
		{"1.0 as an ID stays 1.0", member(`1.0`), []string{"1.0"}, ""},
		{"a 20-digit ID is not rounded", member(`12345678901234567890`), []string{"12345678901234567890"}, ""},
		{"an escaped NUL in an ID is kept", member(`"a\u0000b"`), []string{"a\x00b"}, ""},
		{"a raw control character in a string is invalid_json", member("\"a\x01b\""), nil, parser.CodeInvalidJSON},
		{"a byte order mark is invalid_json", "\xef\xbb\xbf" + member(`"u"`), nil, parser.CodeInvalidJSON},
		{"NaN is invalid_json", member(`NaN`), nil, parser.CodeInvalidJSON},
		{"a duplicate top-level key: the last wins", `{"e":"e","c":"c","n":"n","m":[{"id":"old","in":true}],"m":[{"id":"new","in":true}]}`, []string{"new"}, ""},
		{"a duplicate member key: the last wins", `{"e":"e","c":"c","n":"n","m":[{"id":"old","in":false,"id":"new","in":true}]}`, []string{"new"}, ""},
		{"a duplicate nested key: the last wins", `{"e":"e","c":"c","n":"n","m":[{"id":{"x":1},"in":true,"id":"u"}]}`, []string{"u"}, ""},
		{"a duplicate key with a bad last value: the last is wrong_type", `{"e":"e","c":"c","n":"n","m":[{"id":"u","in":true,"id":["u"]}]}`, nil, parser.CodeWrongType},
		{"a duplicate root-level key holding null: missing", `{"e":"e","c":"c","n":"n","m":[],"e":null}`, nil, parser.CodeMissing},
		{"an empty ID is invalid_value", member(`""`), nil, parser.CodeInvalidValue},
		{"trailing garbage is invalid_json", member(`"u"`) + `]`, nil, parser.CodeInvalidJSON},
		{"two documents are invalid_json", member(`"u"`) + member(`"v"`), nil, parser.CodeInvalidJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, pe := parseBoth(t, prog, []byte(tt.payload))
			if tt.code != "" {
				require.NotNil(t, pe, "accepted: %+v", res)
				require.Equal(t, tt.code, pe.Code, "%v", pe)
				return
			}
			require.Nil(t, pe)
			require.Equal(t, tt.add, res.Segments[0].Add.Strings())
		})
	}
}

// TestUntrustedManifests compiles hostile manifests: each compiles or fails with
// spec.Problems, without panicking, in bounded time.
func TestUntrustedManifests(t *testing.T) {
	withMatcher := func(m string) string {
		return `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":` + quote(m) + `},"memberArrayParser":{"memberIdPath":"/id"}}}`
	}
	withTemplate := func(tpl string) string {
		return `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":` + quote(tpl) + `}`
	}
	longPtr := strings.Repeat("/a", 100_000)
	maxPtr := strings.Repeat("/a", parser.MaxPointerTokens)
	tests := []struct {
		name     string
		manifest string      // a bare syncedSegment object
		code     spec.Code   // the wanted problem, "" when it compiles
		payload  string      // when it compiles, a payload to run
		want     parser.Code // and the code it gets, "" for success
	}{
		{"a matcher with nested counted repeats is rejected", withMatcher(`a{1000}{1000}`), spec.CodeInvalidMatcher, "", ""},
		{"a repeat count past RE2's 1000 is rejected", withMatcher(`a{1001}`), spec.CodeInvalidMatcher, "", ""},
		{"a lookbehind matcher is rejected", withMatcher(`(?<=x)add`), spec.CodeInvalidMatcher, "", ""},
		{"a backreference matcher is rejected", withMatcher(`(a)\1`), spec.CodeInvalidMatcher, "", ""},
		{"a 1 MB literal matcher compiles and runs in linear time", withMatcher(strings.Repeat("ab", 1<<19)), "", `{"e":"e","c":"c","n":"n","a":"add","m":[{"id":"u"}]}`, ""},
		{"a 1 MB alternation matcher compiles and runs", withMatcher(strings.Repeat("a|", 1<<19) + "b"), "", `{"e":"e","c":"c","n":"n","a":"xyz","m":[{"id":"u"}]}`, ""},
		{"a catastrophic-backtracking matcher runs in linear time", withMatcher(`^(a+)+$`), "", `{"e":"e","c":"c","n":"n","a":"` + strings.Repeat("a", 5000) + `!","m":[{"id":"u"}]}`, ""},
		{"a 10 MB template is past the 1 MiB template limit", withTemplate(`{"x": "` + strings.Repeat("a", 10<<20) + `"}`), spec.CodeInvalidTemplate, "", ""},
		{"a 2 MB template of tags is past the 1 MiB template limit", withTemplate(`{"x": "` + strings.Repeat("{{segmentKey}}", (2<<20)/14) + `"}`), spec.CodeInvalidTemplate, "", ""},
		{"a template nested 100,000 deep is past the 1 MiB template limit", withTemplate(strings.Repeat("{{#if statusCode}}", 100_000) + "{}" + strings.Repeat("{{/if}}", 100_000)), spec.CodeInvalidTemplate, "", ""},
		{"a template nested 25,000 deep within the size limit is past the block depth limit", withTemplate(strings.Repeat("{{#if statusCode}}", 25_000) + "{}" + strings.Repeat("{{/if}}", 25_000)), spec.CodeInvalidTemplate, "", ""},
		{"a template nested 100 deep compiles and renders", withTemplate(strings.Repeat("{{#if statusCode}}", 100) + "{}" + strings.Repeat("{{/if}}", 100)), "", `{"e":"e","c":"c","n":"n"}`, ""},
		{"a 1 MiB template of tags compiles and renders", withTemplate(`{"x": "` + strings.Repeat("{{segmentKey}}", (1<<20)/14-2) + `"}`), "", `{"e":"e","c":"c","n":"n"}`, ""},
		{"an unclosed template nested 100,000 deep is rejected", withTemplate(strings.Repeat("{{#if statusCode}}", 100_000)), spec.CodeInvalidTemplate, "", ""},
		{"pointers of 100,000 tokens are too complex",
			`{"requestParser":{"environmentIdPath":"` + longPtr + `","cohortIdPath":"` + longPtr + `","cohortNamePath":"` + longPtr + `","addMemberArrayPath":"` + longPtr + `","removeMemberArrayPath":"/r` + longPtr + `","memberArrayParser":{"memberIdPath":"` + longPtr + `"}}}`,
			spec.CodeTooComplex, "", ""},
		{"pointers of MaxPointerTokens tokens compile and find nothing",
			`{"requestParser":{"environmentIdPath":"` + maxPtr + `","cohortIdPath":"` + maxPtr + `","cohortNamePath":"` + maxPtr + `","cohortUrlPath":"` + maxPtr + `","contextKindPath":"` + maxPtr + `","memberArrayPath":"` + maxPtr + `","arrayInclusion":{"path":"/x` + maxPtr[:len(maxPtr)-2] + `","matcher":"a"},"memberArrayParser":{"memberIdPath":"` + maxPtr + `","cohortIdPath":"/c` + maxPtr[:len(maxPtr)-2] + `","cohortNamePath":"/n` + maxPtr[:len(maxPtr)-2] + `"}},"jsonResponseBody":"{\"a\":\"{{requestBody.a.a.a}}\"}"}`,
			"", `{"a":{"a":{"a":"x"}}}`, parser.CodeMissing},
		{"a pointer one token past MaxPointerTokens is too complex",
			`{"requestParser":{"environmentIdPath":"/a` + maxPtr + `","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}}}`,
			spec.CodeTooComplex, "", ""},
		{"a manifest nested 100,000 deep is invalid_json", nested(100_000), spec.CodeInvalidJSON, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			m, err := spec.ParseSyncedSegment([]byte(tt.manifest))
			var prog *parser.Program
			if err == nil {
				prog, err = parser.Compile(m)
			}
			var ps spec.Problems
			if err != nil {
				require.True(t, errors.As(err, &ps), "error %T is not spec.Problems: %v", err, err)
			}
			switch tt.code {
			case "*":
				t.Logf("compiled: %v; problems: %s", prog != nil, clip(ps.Error()))
			case "":
				require.NoError(t, err)
			default:
				require.Error(t, err)
				require.Equal(t, tt.code, ps[0].Code, "%v", clip(ps.Error()))
			}
			if prog != nil && tt.payload != "" {
				resp, _, err := prog.Respond([]byte(tt.payload), parser.ResponseOptions{})
				require.NotEqual(t, 500, resp.Status, "the template rendered invalid JSON: %v", resp.RenderErr)
				if tt.want == "" {
					require.NoError(t, err)
				} else {
					var pe *parser.Error
					require.True(t, errors.As(err, &pe), "%v", err)
					require.Equal(t, tt.want, pe.Code)
				}
			}
			// A guard against super-linear blow-ups, not a speed test: a few
			// hundred milliseconds each without -race, up to 25 s seen with it on
			// a machine loaded 7-fold.
			require.Less(t, time.Since(start), 60*time.Second, "compile and run time")
		})
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// TestConcurrentUse runs one Program from many goroutines (run it under -race) and
// requires every answer to equal the sequential one. Goroutines only record;
// the test goroutine compares.
func TestConcurrentUse(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/in","cohortIdPath":"/cid"}}}`,
		parser.WithIntegrationKey("conc"), parser.WithLimits(parser.Limits{MaxMembers: 70}))
	var payloads [][]byte
	for i := range 40 {
		var members []string
		for j := range i * 2 {
			members = append(members, fmt.Sprintf(`{"id":"u%d","in":%v,"cid":"c%d"}`, j%7, j%3 == 0, j%4))
		}
		p := fmt.Sprintf(`{"e":"e%d","c":"c0","n":"N","m":[%s]}`, i, strings.Join(members, ","))
		if i%10 == 9 {
			p = p[:len(p)-2] // invalid
		}
		payloads = append(payloads, []byte(p))
	}
	type answer struct {
		res *parser.Result
		err string
	}
	want := make([]answer, len(payloads))
	for i, p := range payloads {
		res, err := prog.Parse(p)
		want[i] = answer{res, codeOf(err)}
	}
	const workers = 8
	got := make([][]answer, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				for i := range payloads {
					i := (i + w + round) % len(payloads)
					var res *parser.Result
					var err error
					if (i+w)%2 == 0 {
						res, err = prog.Parse(payloads[i])
					} else {
						res, err = prog.ParseReader(bytes.NewReader(payloads[i]))
					}
					if round == 0 {
						got[w] = append(got[w], answer{res, codeOf(err)})
					}
				}
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		require.Len(t, got[w], len(payloads))
		for k, a := range got[w] {
			i := (k + w) % len(payloads)
			if diff := cmp.Diff(want[i], a, cmp.AllowUnexported(answer{})); diff != "" {
				t.Errorf("worker %d, payload %d (-sequential +concurrent):\n%s", w, i, diff)
			}
		}
	}
	require.Greater(t, len(want[20].res.Segments), 1, "the payloads exercise several segments")
}
