package jsonscan

import (
	"strings"
	"testing"
)

// TestLookupShort checks that lookupShort finds what lookup finds for every
// short name, whatever bytes follow it in the buffer (eight bytes or more from
// the name, as lookupShort needs).
func TestLookupShort(t *testing.T) {
	keys := []string{"", "a", "ab", "id", "abcdefgh", "abcdefghi", "a\x00", "é"}
	st := &state{}
	for _, k := range keys {
		st.keys = append(st.keys, keyEdge{k, &state{}})
	}
	st.heads = make([]uint64, len(st.keys))
	for i, e := range st.keys {
		st.heads[i] = keyHead(e.key)
	}
	names := []string{"", "a", "b", "ab", "abc", "id", "di", "abcdefgh", "abcdefgX", "é", "e"}
	for _, name := range names {
		for _, tail := range []string{`":1}    `, `"` + strings.Repeat("\x00", 8), `"abcdefgh`} {
			buf := []byte(`"` + name + tail)
			wantNext, wantI := st.lookup([]byte(name))
			gotNext, gotI := st.lookupShort(buf, 1, uint(len(name)))
			if gotNext != wantNext || gotI != wantI {
				t.Errorf("lookupShort(%q) = %p, %d; lookup gives %p, %d", buf, gotNext, gotI, wantNext, wantI)
			}
		}
	}
}

// TestKeyHead checks the keys that lookupShort cannot find get noHead.
func TestKeyHead(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want uint64
	}{
		{"", 0},
		{"a", 'a'},
		{"ab", 'a' | 'b'<<8},
		{"abcdefgh", 0x6867666564636261},
		{"abcdefghi", noHead},
		{"a\x00", noHead},
	} {
		if got := keyHead(tc.key); got != tc.want {
			t.Errorf("keyHead(%q) = %#x, want %#x", tc.key, got, tc.want)
		}
	}
}
