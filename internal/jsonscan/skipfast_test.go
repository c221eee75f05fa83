package jsonscan

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// checkSkipBuffered checks skipBuffered on one input against jsontext: when it
// settles a value, the bytes it skipped are exactly one valid value (after any
// leading whitespace), and it never goes deeper than room.
func checkSkipBuffered(t *testing.T, data []byte, room int) {
	end, kinds := skipBuffered(data, 0, nil, room)
	if end < 0 {
		return
	}
	if len(kinds) != 0 {
		t.Fatalf("skipBuffered(%q) = %d with %d containers still open", data, end, len(kinds))
	}
	if end > len(data) || !strictValid(data[:end]) {
		t.Fatalf("skipBuffered(%q) = %d, but %q is not a valid value", data, end, data[:min(end, len(data))])
	}
	if end < len(data) && strings.IndexByte("0123456789.eE+-", data[end]) >= 0 && strictValid(data[:end+1]) {
		t.Fatalf("skipBuffered(%q) = %d ends inside a number", data, end)
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	if _, err := dec.ReadValue(); err == nil && dec.InputOffset() != int64(end) {
		t.Fatalf("skipBuffered(%q) = %d, jsontext's value ends at %d", data, end, dec.InputOffset())
	}
	if depth := maxNesting(data[:end]); depth > room {
		t.Fatalf("skipBuffered(%q) settled %d levels with room for %d", data, depth, room)
	}
}

// maxNesting returns the deepest nesting of arrays and objects in a valid value.
func maxNesting(v []byte) int {
	dec := jsontext.NewDecoder(bytes.NewReader(v), jsontext.AllowDuplicateNames(true))
	deepest := 0
	for {
		if _, err := dec.ReadToken(); err != nil {
			return deepest
		}
		deepest = max(deepest, dec.StackDepth())
	}
}

func TestSkipBuffered(t *testing.T) {
	for _, c := range []struct {
		in   string
		room int
		want int // -1: gives up
	}{
		{`"abc" `, 10, 5},
		{` {"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00"}]`, 10, 48},
		{`[[[1]]]`, 3, 7},
		{`[[[1]]]`, 2, -1},           // too deep: the careful path words the error
		{`12`, 10, -1},               // the number may go on past the buffer
		{`12,`, 10, 2},               //
		{`-0.5e+3}`, 10, 7},          //
		{`01`, 10, 1},                // the number 0: what follows is the caller's to judge
		{`"a\x"`, 10, -1},            // bad escape
		{"\"a\x01\"", 10, -1},        // control character
		{"\"\xed\xa0\x80\"", 10, -1}, // a surrogate in UTF-8
		{`{"a" 1}`, 10, -1},
		{`[1,]`, 10, -1},
		{`tru`, 10, -1},
		{`[`, 10, -1},
	} {
		got, _ := skipBuffered([]byte(c.in), 0, nil, c.room)
		if got != c.want {
			t.Errorf("skipBuffered(%q, room %d) = %d, want %d", c.in, c.room, got, c.want)
		}
		checkSkipBuffered(t, []byte(c.in), c.room)
	}
}

func FuzzSkipBuffered(f *testing.F) {
	for _, s := range seedInputs() {
		f.Add([]byte(s), 8)
	}
	f.Fuzz(func(t *testing.T, data []byte, room int) {
		checkSkipBuffered(t, data, int(uint(room)%16))
	})
}

// TestSkipBufferedNumbers puts the '.', the end of the fraction, an exponent
// and bad bytes of numbers at every offset of the word skipMembersGo settles a
// number from, in containers, and requires each valid value to end where it
// does and each invalid one to be given up.
func TestSkipBufferedNumbers(t *testing.T) {
	for d := range 11 {
		for f := range 11 {
			mant := "1" + strings.Repeat("2", d) + "." + strings.Repeat("3", f)
			for _, c := range []struct {
				num   string
				valid bool
			}{
				{mant, f > 0},
				{"-" + mant, f > 0},
				{mant + "e5", f > 0},
				{mant + "E+5", f > 0},
				{mant + ".5", false},
				{mant + "\xff", false},
				{mant + "x", false},
				{mant + "e", false},
				{mant[:d+2] + "x" + mant[d+2:], false},
			} {
				for _, in := range []string{"[" + c.num + "]", "[" + c.num + ",0]", `{"a":` + c.num + "}", "[" + c.num + " ]"} {
					checkSkipEnd(t, in, c.valid)
				}
			}
		}
	}
}

// checkSkipEnd requires skipBuffered, with room 10, to end a valid in at its
// end and to give up an invalid one, and checkSkipBuffered's checks.
func checkSkipEnd(t *testing.T, in string, valid bool) {
	t.Helper()
	want := -1
	if valid {
		want = len(in)
	}
	if got, _ := skipBuffered([]byte(in), 0, nil, 10); got != want {
		t.Errorf("skipBuffered(%q) = %d, want %d", in, got, want)
	}
	checkSkipBuffered(t, []byte(in), 10)
}

// numberSeeds are members whose numbers put the '.', the end of the fraction
// and an exponent at every offset of the word skipMembersGo settles a number
// from, valid and not.
func numberSeeds() []string {
	var s []string
	for d := range 10 {
		for f := range 10 {
			mant := "1" + strings.Repeat("2", d) + "." + strings.Repeat("3", f)
			for _, n := range []string{mant, "-" + mant + "e-7", mant + ".5", mant + "x"} {
				s = append(s, `{"batch":[{"n":`+n+`,"userId":"u","value":[`+n+`]}]}`)
			}
		}
	}
	return s
}

// TestSkipBufferedNames puts the closing quote and colon of member names of 0
// to 9 bytes, and what may stand in their place, where the fast paths' name
// loops end (skipMembersGo's byte by byte, skipAVX2's from its window), and
// requires each valid object to end where it does and each invalid one to be
// given up.
func TestSkipBufferedNames(t *testing.T) {
	for n := range 10 {
		name := strings.Repeat("a", n)
		for _, c := range []struct {
			member string
			valid  bool
		}{
			{`"` + name + `":1`, true},
			{`"#` + name + `":1`, true}, // a byte special flags falsely after the quote
			{`"` + name + `#":1`, true},
			{`"` + name + `" :1`, true},
			{`"` + name + "\":\n1", true},
			{`"` + name + `\":1":2`, true},
			{`"` + name + `é":1`, true},
			{`"` + name + `"#1`, false},
			{`"` + name + `"`, false},
			{`"` + name + "\x01\":1", false},
			{`"` + name + "\xff\":1", false},
			{`"` + name + `":`, false},
			{`"` + name + `"::1`, false},
			{`'` + name + `':1`, false},
			{`x` + name + `":1`, false}, // no opening quote
		} {
			for _, in := range []string{`[{` + c.member + `}]`, `[{"b":0,` + c.member + `,"c":2}]`, `{"x":{` + c.member + `}}`} {
				checkSkipEnd(t, in, c.valid)
			}
		}
	}
}

// TestSkipBufferedStrings puts the closing quote of string values, and what may
// stand before it, at every offset of the word skipMembersGo reads at a value's
// opening quote, with the end of the buffer at every offset after it, and
// requires each valid value to end where it does and each invalid one to be
// given up.
func TestSkipBufferedStrings(t *testing.T) {
	for n := range 10 {
		text := strings.Repeat("a", n)
		for _, c := range []struct {
			value string
			valid bool
		}{
			{`"` + text + `"`, true},
			{`"#` + text + `"`, true}, // a byte special flags falsely after the quote
			{`"` + text + `#"`, true},
			{`"` + text + `\""`, true},
			{`"` + text + `é"`, true},
			{`"` + text + `\u00e9"`, true},
			{`"` + text + "\x01\"", false},
			{`"` + text + "\xff\"", false},
			{`"` + text + `\x"`, false},
			{`"` + text, false},
		} {
			for _, full := range []string{`[` + c.value + `]`, `[` + c.value + `,0]`, `{"a":` + c.value + `,"b":[1,2]}`} {
				for cut := len(c.value) + 1; cut <= len(full); cut++ {
					in := full[:cut]
					checkSkipEnd(t, in, c.valid && cut == len(full))
				}
			}
		}
	}
}
