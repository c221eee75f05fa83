package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
)

// decodeCases are string contents with escapes of every kind: one-letter
// escapes, \u escapes that decode to one, two and three UTF-8 bytes (digits in
// either case), surrogate pairs, escapes at the start and the end, runs of
// plain and non-ASCII bytes between them.
var decodeCases = []string{
	`\"`,
	`a\\b`,
	`\/\b\f\n\r\t`,
	`id\/2\"x\ud83d\ude00\u00e9`,
	`Zo\u00eb \"Z\" \u00dcnal`,
	`\u0000\u001f\u007F\u0080\u07ff\u0800\uFFFF\ue000\ud7ff`,
	`\uD800\uDC00\udbff\udfff`,
	`Jürgen \u5c71\u7530 山田\n`,
	`plain text before an escape at the end\t`,
	`\u00e9`,
}

// TestDecode checks decode against encoding/json's decoding of the same
// strings, with a scratch buffer that is empty, short and long.
func TestDecode(t *testing.T) {
	for _, content := range decodeCases {
		for _, scratch := range []int{0, 1, 256} {
			checkDecode(t, content, scratch)
		}
	}
	// An escape at every offset of the eight bytes decode reads at once, after
	// bytes one off a backslash ('[' and ']').
	for k := range 20 {
		plain := strings.Repeat("]", k/2) + strings.Repeat("[", k-k/2)
		checkDecode(t, plain+`\"`+plain+`\u00e9`+plain, 0)
	}
}

// checkDecode checks the decoding of one string content, valid with escapes,
// with a scanner whose scratch has room for scratch bytes.
func checkDecode(t *testing.T, content string, scratch int) {
	t.Helper()
	var want string
	if err := json.Unmarshal([]byte(`"`+content+`"`), &want); err != nil {
		t.Fatalf("%q: %v", content, err)
	}
	s := &scanner{scratch: make([]byte, 0, scratch)}
	if got := s.decode([]byte(content)); string(got) != want {
		t.Errorf("decode(%q) = %q, want %q", content, got, want)
	}
}

// FuzzDecode checks decode on every string content that the fast string scan
// accepts with escapes.
func FuzzDecode(f *testing.F) {
	for _, c := range decodeCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, content string) {
		buf := []byte(`"` + content + `"`)
		end, esc := stringEndGo(buf, 1)
		if end != len(buf) || !esc {
			return // not one valid string with escapes
		}
		checkDecode(t, content, len(content)%7)
	})
}
