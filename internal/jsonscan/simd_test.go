//go:build goexperiment.simd && amd64

package jsonscan

import (
	"strings"
	"testing"
)

// skipStates returns every state of the queries of fastPathQueries and of the
// first of flatQueries (a capture whose MaxLen values pass), the objects whose
// members skipMembers and skipFlat are checked at.
func skipStates(t testing.TB) []*state {
	var all []*state
	seen := map[*state]bool{}
	var walk func(st *state)
	walk = func(st *state) {
		if st == nil || seen[st] {
			return
		}
		seen[st] = true
		all = append(all, st)
		for _, k := range st.keys {
			walk(k.next)
		}
		for _, e := range st.idx {
			walk(e.next)
		}
		walk(st.elem)
	}
	for _, paths := range append(fastPathQueries, flatQueries[0]) {
		walk(cachedQuery(t, paths, 0).root)
	}
	return all
}

// checkSIMDVsGo requires the AVX2 fast paths to give the pure-Go ones' answers at
// every offset of data: stringEnd's end and escape flag, skipBuffered's end under
// the depth room, skipMembers' end, state and edge at every state of
// skipStates, and at its flat states skipFlat's end, edge, names seen and
// deliveries.
func checkSIMDVsGo(t *testing.T, states []*state, data []byte, room int) {
	for pos := 0; pos <= len(data); pos++ {
		ge, gesc := stringEndGo(data, pos)
		se, sesc := stringEndAVX2(data, pos)
		if ge != se || gesc != sesc {
			t.Fatalf("stringEnd(%q, %d): AVX2 (%d, %v), Go (%d, %v)", data, pos, se, sesc, ge, gesc)
		}
		gend, _ := skipBufferedGo(data, pos, nil, room)
		send, _ := skipBuffered(data, pos, nil, room)
		if gend != send {
			t.Fatalf("skipBuffered(%q, %d, room %d): AVX2 %d, Go %d", data, pos, room, send, gend)
		}
		for i, st := range states {
			gend, gnext, gedge, _ := skipMembersGo(data, pos, st, nil, room, nil)
			send, snext, sedge, _ := skipMembers(data, pos, st, nil, room)
			if gend != send || gnext != snext || gedge != sedge {
				t.Fatalf("skipMembers(%q, %d, state %d, room %d): AVX2 (%d, %p, %d), Go (%d, %p, %d)",
					data, pos, i, room, send, snext, sedge, gend, gnext, gedge)
			}
			if st.flat && pos < len(data) && data[pos] == '"' { // where flat starts
				if g, s := flatRun(st, data, pos, room, false), flatRun(st, data, pos, room, true); g != s {
					t.Fatalf("skipFlat(%q, %d, state %d, room %d):\nAVX2 %+v\nGo   %+v", data, pos, i, room, s, g)
				}
			}
		}
	}
}

// flatRun reads the object at pos at flat state st as flat does, with the
// AVX2 path (skipFlat) or the pure-Go one (skipMembersGo with a flatRead),
// and returns its answers, the names it saw, where its last value ended and
// what it delivered.
func flatRun(st *state, data []byte, pos, room int, avx2 bool) flatResult {
	h := &logger{}
	fl := &flatRead{s: &scanner{h: h}, st: st, after: -1}
	var r flatResult
	if avx2 {
		r.end, r.edge, _ = skipFlat(data, pos, st, nil, room, fl)
	} else {
		r.end, _, r.edge, _ = skipMembersGo(data, pos, st, nil, room, fl)
	}
	r.seen, r.after, r.err, r.events = fl.seen, fl.after, fl.err, strings.Join(h.events, " ")
	return r
}

// flatResult is what flatRun returns.
type flatResult struct {
	end, edge, after int
	seen             uint64
	err              error
	events           string
}

// TestStopMask checks the stop mask of a window holding one byte of each value at
// each offset among plain ones: its bit is set exactly for quotes, backslashes,
// control characters and bytes of 0x80 and above.
func TestStopMask(t *testing.T) {
	if !useAVX2 {
		t.Skip("the CPU has no AVX2")
	}
	buf := make([]byte, windowLen+1)
	for c := range 256 {
		want := c == '"' || c == '\\' || c < 0x20 || c >= 0x80
		for i := range windowLen {
			for j := range buf {
				buf[j] = 'a'
			}
			buf[i] = byte(c)
			var w uint64
			if want {
				w = 1 << i
			}
			if got := stopMask(buf, 1); i > 0 && got != w>>1 {
				t.Fatalf("stopMask with %#x at %d (from 1) = %#x, want %#x", c, i, got, w>>1)
			}
			if got := stopMask(buf, 0); got != w {
				t.Fatalf("stopMask with %#x at %d = %#x, want %#x", c, i, got, w)
			}
		}
	}
}

// simdSeeds are inputs whose strings, escapes, multi-byte characters, invalid
// bytes and numbers fall at every offset of the 32- and 64-byte halves of a
// window, and whose windows cross the end of the input.
func simdSeeds() []string {
	var s []string
	for pad := range 70 {
		x := strings.Repeat("x", pad)
		for _, str := range []string{
			`a\u00e9\"b\/c\\d\n`, `Zürich 山田 😀`, `\ud83d\ude00`, `\ud83dx`, `\u12G4`, `\q`,
			`\udbff\udfff`, `\ud800\udc00`, `\ud83d\ud83d`, `\ud83d\ue000`, `\ud83d\udbff`, `\ud83d\udeG0`, `\ud83d\ude0`, `\udc00\ud83d`,
			"\xff", "\xed\xa0\x80", "\xe5\xb1", "\x01", "\x7f", "\xc3\xa9", "\xf0\x9f\x98\x80",
			// Multi-byte characters valid and not: cut by the string's end or by
			// another byte, overlong, surrogates in UTF-8, past U+10FFFF, the
			// edges of each kind the skip loop settles in place.
			"\xc3", "\xc3(", "\xc3\xa9\xa9", "\xc0\x80", "\xc1\xbf", "\xc2\x80\xdf\xbf", "\xe1\x80", "\xe1\x80(",
			"\xe0\x80\x80", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xec\xbf\xbf\xee\x80\x80\xef\xbf\xbf", "\xe1\xc3\xa9",
			"\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\x80", "\xbf\xc3\xa9",
			// Escapes at their edges: the letters, \u kinds and bad ones, cut
			// ones, runs of backslashes before a quote.
			`\b\f\n\r\t\/`, `\u0000\uD7FF\uE000\uFFFF`, `\uDBFF\uDFFF`, `\u00e9\u00e`, `\u"`, `\u00"`, `\x`, `\\`, `\\\"`, `a\"`, `\`,
		} {
			s = append(s,
				`{"`+x+`":"`+str+`","id":"`+x+`","n":[-1.5e+3,0,12,true,null]}`,
				`["`+x+str+`",{"`+str+`":1}]`,
				`"`+x+str+`"`,
				// A nested name that starts a window, a window's length from the end.
				`{"a":"`+x+`","`+str+`":1,"z":"`+strings.Repeat("y", windowLen)+`"}`,
			)
		}
		s = append(s, `{"a":`+x[:pad%20]+`123456789012345678,"b":{"c":[1.25,-0,2E-2,{}]}}`, `{"`+x+`" :  "y" , "id" : 1 }`)
	}
	return s
}

// windowSeeds are inputs whose bytes that carry state from one 64-byte window
// to the next fall at every offset of a window: runs of one to four
// backslashes before a quote or a letter, escaped quotes, structural
// characters and quotes inside long strings, numbers and literals cut by a
// window's end, non-ASCII runs, and containers nested across windows.
func windowSeeds() []string {
	var s []string
	for pad := range 70 {
		x := strings.Repeat("x", pad)
		for n := 1; n <= 4; n++ {
			bs := strings.Repeat(`\`, n)
			s = append(s,
				`{"a":"`+x+bs+`","b":[1]}`,
				`{"a":"`+x+bs+`n","b":[1]}`,
				`["`+x+bs+`"]`,
			)
		}
		s = append(s,
			`{"a":"`+x+`{[:,]}\"\\"}`+strings.Repeat(`x`, 70-pad)+`",":":[{"}":"]"}]}`,
			`{"a":[`+strings.Repeat(" ", pad)+`-12.5e+3,true,false,null,0,{"b":"`+x+`"}],"c":1}`,
			`{"`+x+`":12345678901234567890,"t":true}`,
			`{"`+x+`":truex,"n":nul}`,
			`[`+strings.Repeat(" ", pad%7)+`"`+x+`山田 Zürich 😀","\u00e9`+x+`\ud83d\ude00"]`,
			`{"a":{"b":[[{"c":"`+x+`"},[]],{}],"d":[{"e":[[["`+x+`"]]]}]}}`,
		)
	}
	return s
}

// numberEdgeSeeds are numbers whose integer part, fraction and exponent end
// at each byte that neighbours the digits ('/' and ':') or that a number may
// hold, of each length the skip loop tests digit by digit and of lengths
// across and past a word, in an array and in a nested member.
func numberEdgeSeeds() []string {
	var s []string
	for _, digits := range []string{"1", "12", "123", "1234", "12345", "123456", "123456789", "1234567890123", "123456789012345678"} {
		for _, n := range []string{digits, "-" + digits, digits + ".5", digits + "." + digits, "-" + digits + "e" + digits, digits + ".5E-" + digits, digits + "e+5"} {
			for _, end := range []string{"/", ":", ".", "e", "E", "+", "-", "0", "x", " ", ",1", ""} {
				s = append(s, `[`+n+end+`]`, `{"a":{"b":`+n+end+`}}`)
			}
		}
	}
	return s
}

// FuzzSIMDVsGo checks the AVX2 fast paths (GOEXPERIMENT=simd on amd64) against
// the pure-Go ones, which the default build uses: the same answers on any bytes,
// at any offset, with any depth room.
func FuzzSIMDVsGo(f *testing.F) {
	if !useAVX2 {
		f.Skip("the CPU has no AVX2")
	}
	for _, s := range append(append(append(append(simdSeeds(), windowSeeds()...), numberEdgeSeeds()...), seedInputs()...), blockSeeds()[:72*3]...) {
		f.Add([]byte(s), uint8(8))
	}
	states := skipStates(f)
	f.Fuzz(func(t *testing.T, data []byte, room uint8) {
		// Every offset, times every state, times a scan that may run to the
		// end: quadratic in the input, so a long input is cut to 1 KiB (16
		// windows, twice the longest seed), which keeps each run within
		// milliseconds. A mutated input can otherwise stall the fuzzer for a
		// minute.
		if len(data) > maxSIMDFuzzLen {
			data = data[:maxSIMDFuzzLen]
		}
		checkSIMDVsGo(t, states, data, int(room%16))
	})
}

// maxSIMDFuzzLen is the length FuzzSIMDVsGo cuts its inputs to.
const maxSIMDFuzzLen = 1024

// BenchmarkSIMDVsGo scans benchPayload with the pure-Go fast paths (the baseline,
// what the default build runs) and with the AVX2 ones, in the same run: the
// query of BenchmarkScan, and validation alone.
func BenchmarkSIMDVsGo(b *testing.B) {
	if !useAVX2 {
		b.Skip("the CPU has no AVX2")
	}
	data := benchPayload()
	q, qv := mustCompile(b, benchPaths), mustCompile(b, nil)
	for _, avx2 := range []bool{false, true} {
		name := "go"
		if avx2 {
			name = "avx2"
		}
		b.Run(name+"/scan", func(b *testing.B) {
			defer func(was bool) { useAVX2 = was }(useAVX2)
			useAVX2 = avx2
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var h countHandler
				if err := q.Scan(data, &h); err != nil || h.members != 100_000 {
					b.Fatal(err, h.members)
				}
			}
		})
		b.Run(name+"/validate-only", func(b *testing.B) {
			defer func(was bool) { useAVX2 = was }(useAVX2)
			useAVX2 = avx2
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := qv.Scan(data, NopHandler{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
