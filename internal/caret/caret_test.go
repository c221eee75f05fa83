package caret

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 columns
	for _, c := range []struct {
		name, text string
		off        int
		want       string
	}{
		{"start", "ab(?=c)", 0, "ab(?=c)\n^"},
		{"middle", "ab(?=c)", 2, "ab(?=c)\n  ^"},
		{"end", "abc", 3, "abc\n   ^"},
		{"past the end", "abc", 99, "abc\n   ^"},
		{"before the start", "abc", -5, "abc\n^"},
		{"empty", "", 0, "\n^"},
		{"second line", "line1\nline2", 8, "line2\n  ^"},
		{"at a newline", "line1\nline2", 5, "line1\n     ^"},
		{"after a newline", "line1\n", 6, "\n^"},
		{"tabs kept", "\tx", 1, "\tx\n\t^"},
		{"CRLF", "ab\r\ncd", 1, "ab\n ^"},
		{"at the LF of a CRLF", "ab\r\ncd", 3, "ab\n  ^"},
		{"at the CR", "ab\r\ncd", 2, "ab\\x0d\n  ^"},
		{"inside a character", "é!", 1, "é!\n^"},
		{"wide characters take two columns", "日本語x", 9, "日本語x\n      ^"},
		{"emoji take two columns", "😀!", 4, "😀!\n  ^"},
		{"combining marks take none", "e\u0301e\u0301!", 6, "e\u0301e\u0301!\n  ^"},
		{"fullwidth letters take two", "ＡＢc", 6, "ＡＢc\n    ^"},
		{"ambiguous width takes one", "±§!", 4, "±§!\n  ^"},
		{"long line of wide characters", strings.Repeat("山", 100), 150, "…" + strings.Repeat("山", 60) + "…\n" + strings.Repeat(" ", 61) + "^"},
		{"escape", "a\x1b[2Jb", 5, "a\\x1b[2Jb\n        ^"},
		{"NUL and DEL", "\x00\x7f!", 2, "\\x00\\x7f!\n        ^"},
		{"C1 control", "a\u0085b", 3, "a\\u0085b\n       ^"},
		{"bidi override", "a\u202eb", 4, "a\\u202eb\n       ^"},
		{"line separator", "a\u2028b", 4, "a\\u2028b\n       ^"},
		{"invalid UTF-8", "a\xffb", 2, "a\\xffb\n     ^"},
		{"long line, caret near the start", long, 5, long[:120] + "…\n     ^"},
		{"long line, caret near the end", long, 295, "…" + long[180:] + "\n" + strings.Repeat(" ", 116) + "^"},
		{"long line, caret in the middle", long, 150, "…" + long[90:210] + "…\n" + strings.Repeat(" ", 61) + "^"},
		{"long line, caret at the end", long, 300, "…" + long[180:] + "\n" + strings.Repeat(" ", 121) + "^"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Excerpt(c.text, c.off, ""); got != c.want {
				t.Errorf("Excerpt(%q, %d)\n got %q\nwant %q", c.text, c.off, got, c.want)
			}
		})
	}
}

func TestExcerptIndent(t *testing.T) {
	if got, want := Excerpt("ab\tc", 3, "    "), "    ab\tc\n      \t^"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestExcerptIsBounded: a 10 MB line gives an excerpt of a few hundred bytes.
func TestExcerptIsBounded(t *testing.T) {
	text := strings.Repeat("{{a}}", 2<<20)
	for _, off := range []int{0, len(text) / 2, len(text)} {
		if got := Excerpt(text, off, ""); len(got) > 2*MaxWidth+16 {
			t.Errorf("offset %d: excerpt of %d bytes", off, len(got))
		}
	}
	escapes := strings.Repeat("\x1b", 1000)
	if got := Excerpt(escapes, 500, ""); len(got) > 2*MaxWidth+16 {
		t.Errorf("escaped line: excerpt of %d bytes", len(got))
	}
}

// checkExcerpt asserts the properties every excerpt has.
func checkExcerpt(t *testing.T, text string, off int) {
	got := Excerpt(text, off, "")
	line, marker, ok := strings.Cut(got, "\n")
	if !ok || strings.Contains(marker, "\n") {
		t.Fatalf("Excerpt(%q, %d) = %q: not two lines", text, off, got)
	}
	if !utf8.ValidString(got) {
		t.Fatalf("Excerpt(%q, %d) = %q: not UTF-8", text, off, got)
	}
	for _, r := range line {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029') {
			t.Fatalf("Excerpt(%q, %d) = %q: shows %U", text, off, got, r)
		}
	}
	body := strings.TrimSuffix(strings.TrimPrefix(line, ellipsis), ellipsis)
	if n := columnsOf(body); n > MaxWidth {
		t.Fatalf("Excerpt(%q, %d): %d columns", text, off, n)
	}
	if strings.Trim(marker[:len(marker)-1], " \t") != "" || !strings.HasSuffix(marker, "^") {
		t.Fatalf("Excerpt(%q, %d): caret line %q", text, off, marker)
	}
	col := len(marker) - 1
	if col > columnsOf(line) {
		t.Fatalf("Excerpt(%q, %d): caret at column %d beyond the line %q", text, off, col, line)
	}
	// A printable ASCII character at off is shown right above the caret: the
	// characters before it take exactly the caret's column.
	if 0 <= off && off < len(text) && text[off] > ' ' && text[off] < 0x7f {
		at, used := -1, 0
		for i, r := range line {
			if used == col && Columns(r) > 0 {
				at = i
				break
			}
			used += Columns(r)
		}
		if at < 0 || line[at] != text[off] {
			t.Fatalf("Excerpt(%q, %d) = %q: the caret is not under %q", text, off, got, text[off])
		}
	}
}

// columnsOf is the columns s takes, a tab counting one as in the caret line.
func columnsOf(s string) int {
	n := 0
	for _, r := range s {
		n += Columns(r)
	}
	return n
}

func FuzzExcerpt(f *testing.F) {
	f.Add("ab(?=c)", 2)
	f.Add("line1\r\nline2\x1b", 7)
	f.Add(strings.Repeat("é\t", 200), 151)
	f.Add("a\xffb\u202e", 3)
	f.Fuzz(func(t *testing.T, text string, off int) {
		checkExcerpt(t, text, off)
	})
}
