//go:build goexperiment.simd && amd64

package jsonscan

import (
	"strings"
	"testing"
)

// nested returns n containers of the kinds of open ('[' or '{', alternating when
// open is 0) around inner, as one value.
func nested(n int, open byte, inner string) string {
	var b, e strings.Builder
	for i := range n {
		c := open
		if c == 0 {
			c = "[{"[i%2]
		}
		if c == '{' {
			b.WriteString(`{"k":`)
			e.WriteString("}")
		} else {
			b.WriteString("[")
			e.WriteString("]")
		}
	}
	s := e.String()
	r := []byte(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return b.String() + inner + string(r)
}

// containerCases are skipContainerAVX2's table: the input, the offset, the depth
// room and the answer, an end or -1 (cannot settle).
var containerCases = []struct {
	name string
	in   string
	pos  int
	room int
	want int
}{
	{"empty object", `{}`, 0, 1, 2},
	{"empty array", `[]`, 0, 1, 2},
	{"empty with whitespace", "[ \t\r\n]x", 0, 1, 6},
	{"at an offset", `xx{"a":1}`, 2, 1, 9},
	{"ends at a space", `{"a":1} `, 0, 1, 7},
	{"no room", `[]`, 0, 0, -1},
	{"room for two", `[[1]]`, 0, 2, 5},
	{"room for one of two", `[[1]]`, 0, 1, -1},
	{"not a container", `"a"`, 0, 1, -1},
	{"pos past the end", `[]`, 2, 1, -1},
	{"pos negative", `[]`, -1, 1, -1},
	{"every scalar", `[1,-0,0.5,-12.5e+3,1E9,2e-0,true,false,null,"",{"":[]}]`, 0, 3, 55},
	{"whitespace everywhere", " {\n\"a\" : [ 1 , \"b\" ] ,\t\"c\"\r:{ } } ", 1, 3, 33},
	{"escapes", `["\"\\\/\b\f\n\r\t","\u00e9\uD7FF\uE000\uffff","\ud83d\ude00\udbff\udfff"]`, 0, 1, 74},
	{"utf-8", "[\"\u00e9\u07ff\u0800\uffff\U00010000\U0010ffff Zürich 山田 😀\"]", 0, 1, 42},
	{"long strings", `{"` + strings.Repeat("n", 70) + `":"` + strings.Repeat("v", 100) + `"}`, 0, 1, 177},
	{"a name with escapes", `{"a\"b\u00fc":1}`, 0, 1, 16},
	{"depth 63", nested(63, 0, "1"), 0, 100, len(nested(63, 0, "1"))},
	{"depth 64", nested(64, '[', "1"), 0, 100, len(nested(64, '[', "1"))},
	{"depth 64 objects", nested(64, '{', "1"), 0, 64, len(nested(64, '{', "1"))},
	{"depth 65", nested(65, 0, "1"), 0, 100, -1},
	{"depth 64 room 63", nested(64, 0, "1"), 0, 63, -1},
	{"wrong closer", `[1}`, 0, 1, -1},
	{"wrong closer in object", `{"a":1]`, 0, 1, -1},
	{"trailing comma", `[1,]`, 0, 1, -1},
	{"missing colon", `{"a" 1}`, 0, 1, -1},
	{"name not a string", `{a:1}`, 0, 1, -1},
	{"cut", `{"a":[1,2`, 0, 2, -1},
	{"number cut", `[12`, 0, 1, -1},
	{"leading zero", `[01]`, 0, 1, -1},
	{"no fraction digit", `[1.]`, 0, 1, -1},
	{"no exponent digit", `[1e+]`, 0, 1, -1},
	{"lone minus", `[-]`, 0, 1, -1},
	{"plus", `[+1]`, 0, 1, -1},
	{"bad literal", `[tru]`, 0, 1, -1},
	{"literal cut", `[fals`, 0, 1, -1},
	{"control character", "[\"a\x01\"]", 0, 1, -1},
	{"control character in a long string", "[\"" + strings.Repeat("a", 40) + "\x1f\"]", 0, 1, -1},
	{"DEL", "[\"\x7f\"]", 0, 1, 5},
	{"bad escape", `["\q"]`, 0, 1, -1},
	{"bad hex", `["\u12G4"]`, 0, 1, -1},
	{"lone high surrogate", `["\ud83dx"]`, 0, 1, -1},
	{"lone low surrogate", `["\ude00"]`, 0, 1, -1},
	{"high then high", `["\ud83d\ud83d"]`, 0, 1, -1},
	{"high then not low", `["\ud83d\ue000"]`, 0, 1, -1},
	{"continuation alone", "[\"\x80\"]", 0, 1, -1},
	{"overlong 2", "[\"\xc1\xbf\"]", 0, 1, -1},
	{"cut 2", "[\"\xc3\"]", 0, 1, -1},
	{"bad continuation 2", "[\"\xc3(\"]", 0, 1, -1},
	{"bad continuation 3", "[\"\xe5(\xb1\"]", 0, 1, -1},
	{"overlong 3", "[\"\xe0\x80\x80\"]", 0, 1, -1},
	{"surrogate in utf-8", "[\"\xed\xa0\x80\"]", 0, 1, -1},
	{"cut 3", "[\"\xe5\xb1\"]", 0, 1, -1},
	{"overlong 4", "[\"\xf0\x80\x80\x80\"]", 0, 1, -1},
	{"past U+10FFFF", "[\"\xf4\x90\x80\x80\"]", 0, 1, -1},
	{"F5", "[\"\xf5\x80\x80\x80\"]", 0, 1, -1},
	{"cut 4", "[\"\xf0\x9f\x98\"]", 0, 1, -1},
	{"bad 4th byte", "[\"\xf0\x9f\x98(\"]", 0, 1, -1},
}

// TestSkipContainerAVX2 checks the assembly against its table, and against
// skipBufferedGo: an end it settles is skipBufferedGo's.
func TestSkipContainerAVX2(t *testing.T) {
	if !useAVX2 {
		t.Skip("the CPU has no AVX2")
	}
	for _, c := range containerCases {
		t.Run(c.name, func(t *testing.T) {
			got := skipContainerAVX2([]byte(c.in), c.pos, c.room)
			if got != c.want {
				t.Errorf("skipContainerAVX2(%q, %d, %d) = %d, want %d", c.in, c.pos, c.room, got, c.want)
			}
			if c.pos < 0 {
				return
			}
			if g, _ := skipBufferedGo([]byte(c.in), c.pos, nil, c.room); got >= 0 && g != got {
				t.Errorf("skipBufferedGo(%q, %d, %d) = %d, the assembly %d", c.in, c.pos, c.room, g, got)
			}
		})
	}
}

// membersCases are skipValuesAVX2's table with members true: the input, the
// offset of a member's value, the keyLens, the resume offset passed and the
// answers.
var membersCases = []struct {
	name              string
	in                string
	pos               int
	keyLens           uint64
	at                int
	end, resume, kind int
}{
	{"to the end", `{"a":1,"bb":[2,{"x\n":3}],"ccc":"x"}`, 5, 0, 1, 35, 27, asmSettled},
	{"a name to look up", `{"a":1,"bb":[2],"ccc":"x"}`, 5, 1 << 3, 1, 16, 16, asmName},
	{"the first name after the value", `{"a":1,"bb":[2],"ccc":"x"}`, 5, 1 << 2, 1, 7, 7, asmName},
	{"a name of 64 bytes", `{"a":1,"` + strings.Repeat("n", 64) + `":2}`, 5, 0, 1, 7, 7, asmName},
	{"a name of 63 bytes", `{"a":1,"` + strings.Repeat("n", 63) + `":2}`, 5, 0, 1, 74, 7, asmSettled},
	{"whitespace", "{\"a\": 1 ,\n\"bb\" : [ 2 ] ,\t\"c\"\r: \"x\" }", 5, 0, 1, 35, 24, asmSettled},
	{"whitespace before a name to look up", `{"a":1, "bb":2}`, 5, 1 << 2, 1, 8, 7, asmName},
	{"resume passed through", `{"a":1}`, 5, 0, 3, 6, 3, asmSettled},
	{"an escaped name", `{"a":1,"b\n":2}`, 5, 0, 1, -1, 7, asmFail},
	{"an escaped value", `{"a":"\u00e9\n","b":"\ud83d\ude00"}`, 5, 0, 1, 34, 16, asmSettled},
	{"the end of buf", `{"a":1,"b":2`, 5, 0, 1, -1, 7, asmFail},
	{"the end of buf after a value", `{"a":"x"`, 5, 0, 1, -1, 1, asmFail},
	{"a trailing comma", `{"a":1,}`, 5, 0, 1, -1, 7, asmFail},
	{"not a name", `{"a":1,2}`, 5, 0, 1, -1, 7, asmFail},
	{"no colon", `{"a":1,"b" 2}`, 5, 0, 1, -1, 7, asmFail},
	{"a closing bracket", `{"a":1]`, 5, 0, 1, -1, 1, asmFail},
	{"a number at the end of buf", `{"a":12`, 5, 0, 1, -1, 1, asmFail},
	{"a control character after a value", "{\"a\":1\x01}", 5, 0, 1, -1, 1, asmFail},
}

// TestSkipValuesAVX2Members checks the assembly's members mode against its
// table. (FuzzSIMDVsGo checks it against skipMembersGo through skipMembers.)
func TestSkipValuesAVX2Members(t *testing.T) {
	if !useAVX2 {
		t.Skip("the CPU has no AVX2")
	}
	for _, c := range membersCases {
		t.Run(c.name, func(t *testing.T) {
			end, resume, kind := skipValuesAVX2([]byte(c.in), c.pos, 8, c.keyLens, c.at, true)
			if end != c.end || kind != c.kind || (kind == asmName && resume != c.resume) {
				t.Errorf("skipValuesAVX2(%q, %d, keyLens %#x, at %d) = (%d, %d, %d), want (%d, %d, %d)",
					c.in, c.pos, c.keyLens, c.at, end, resume, kind, c.end, c.resume, c.kind)
			}
		})
	}
}

// membersSeeds are FuzzSIMDVsGo's inputs for the members mode: objects whose
// members have names of the lengths of fastPathQueries' keys and others,
// escaped and long names after skipped members, whitespace around the
// commas, each cut at every length.
func membersSeeds() []string {
	var s []string
	for _, in := range []string{
		`{"batch":[{"userId":"u","email":"x@y.z","traits":{"a":[1,2.5e-3,{"b":"\u00e9"}]},"createdAt":1700000012345,"value":true,"zz":"Zürich","cohortName":"n"}],"meta":{"x":1}}`,
		`{"environmentId":"e","batch" : [ {"userId":1 , "nm" :"Jürgen","t":{"geo":{"city":"Z\u00fcrich"}} ,"f\t":2,"e\u0041":1,"value":false} ] }`,
		`{"action":"add","parameters":{"project":"p","x":[],"` + strings.Repeat("n", 64) + `":1,"members":[{"distinct_id":"d","q":null}]}}`,
	} {
		for i := 1; i <= len(in); i++ {
			s = append(s, in[:i])
		}
	}
	return s
}

// containerSeeds are FuzzSIMDVsGo's inputs for skipContainerAVX2's edges:
// nesting around its 64 levels (with a room byte that FuzzSIMDVsGo reads as 60
// to 75), and a container holding every escape, UTF-8 form, number and literal,
// cut at every length, so that the end of buf falls inside each token.
func containerSeeds() (s []string, rooms []uint8) {
	for n := 62; n <= 66; n++ {
		for _, open := range []byte{0, '[', '{'} {
			s = append(s, nested(n, open, `"x"`), nested(n, open, `"x"`))
			rooms = append(rooms, uint8(240+n-60), uint8(240+n-61))
		}
		// The outermost container closed by the other kind's byte: valid
		// only to a loop that lost its kind.
		for _, open := range []byte{'[', '{'} {
			v := nested(n, open, "1")
			s = append(s, v[:len(v)-1]+string(rune(open^'['^'}')))
			rooms = append(rooms, uint8(240+n-60))
		}
	}
	full := `{"a\"\u00fcb":[-12.5e+3,0,1E2,true,false,null,"b\nc\/\\",` +
		"\"Zürich 山田 😀 \u07ff\uffff\",\"Z\\u00fcrich\\ud83d\\ude00\",{\"\":[ ]},{ }]}"
	for i := 1; i <= len(full); i++ {
		s = append(s, full[:i])
		rooms = append(rooms, 8)
	}
	return s, rooms
}

// TestContainerSeedsSettle checks that the assembly settles the whole of the
// seeds' longest container, so that the cut seeds test it and not only the Go
// path it falls back to.
func TestContainerSeedsSettle(t *testing.T) {
	if !useAVX2 {
		t.Skip("the CPU has no AVX2")
	}
	s, rooms := containerSeeds()
	for i, in := range s {
		room := fuzzRoom(rooms[i])
		want, _ := skipBufferedGo([]byte(in), 0, nil, room)
		got := skipContainerAVX2([]byte(in), 0, room)
		if got >= 0 && got != want {
			t.Fatalf("skipContainerAVX2(%q, 0, %d) = %d, Go %d", in, room, got, want)
		}
		if want >= 0 && room <= 64 && got != want {
			t.Errorf("skipContainerAVX2(%q, 0, %d) = %d, not settled; Go %d", in, room, got, want)
		}
	}
}
