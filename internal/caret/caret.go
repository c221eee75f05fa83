// Package caret renders the place of an error in a text: the line that holds
// it, and under it a caret pointing at it. Every package that reports a place
// in a template, pattern or pointer renders it here, so that all excerpts look
// alike and none can echo a long input whole or drive a terminal.
package caret

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MaxWidth is the most terminal columns of text an excerpt shows, besides the …
// marks that stand for the parts of a longer line left out. A character takes the
// columns a terminal gives it (see [Columns]).
const MaxWidth = 120

// ellipsis marks text left out of the excerpt.
const ellipsis = "…"

// Excerpt returns two lines, each starting with indent: the line of text that
// holds byte offset off (clamped to the text), and a caret under the
// character at off (or after the line's last one, when off is at its end).
//
// A line longer than MaxWidth columns is cut to a window around the caret,
// with "…" where text is left out, so the excerpt's size never depends on
// the text's. A character that could move the cursor, change a terminal's
// state or reorder text (a control character other than tab, a line or
// paragraph separator, a bidirectional formatting mark) is shown as an
// escape such as \x1b or \u202e, and a byte that is not UTF-8 as \xff; the
// caret counts them at their escaped width. Other characters count the columns a
// terminal gives them ([Columns]: two for CJK and most emoji, none for a combining
// mark). Tabs are kept, and the caret line repeats them, so the caret lines up in a
// terminal. A "\r" ending the line is
// left out unless off points at it.
func Excerpt(text string, off int, indent string) string {
	off = min(max(off, 0), len(text))
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		end = off + i
	}
	if end > start && text[end-1] == '\r' && off != end-1 {
		end--
	}
	at := min(off, end)

	// Up to MaxWidth columns on each side of the caret; then the window
	// keeps about half before it, more when the line ends sooner.
	left, leftCut := cellsBefore(text[start:at], MaxWidth)
	right, rightCut := cellsAfter(text[at:end], MaxWidth)
	keepRight := min(span(right), max(MaxWidth/2, MaxWidth-span(left)))
	right, rightCut = trimRight(right, keepRight, rightCut)
	left, leftCut = trimLeft(left, MaxWidth-span(right), leftCut)

	var line, marker strings.Builder
	line.WriteString(indent)
	marker.WriteString(indent)
	if leftCut {
		line.WriteString(ellipsis)
		marker.WriteByte(' ')
	}
	for _, c := range left {
		line.WriteString(c.text)
		if c.text == "\t" {
			marker.WriteByte('\t')
		} else {
			marker.WriteString(strings.Repeat(" ", c.width))
		}
	}
	for _, c := range right {
		line.WriteString(c.text)
	}
	if rightCut {
		line.WriteString(ellipsis)
	}
	marker.WriteByte('^')
	return line.String() + "\n" + marker.String()
}

// cell is one character as shown: its text and the columns it takes.
type cell struct {
	text  string
	width int
}

// span is the columns the cells take.
func span(cs []cell) int {
	n := 0
	for _, c := range cs {
		n += c.width
	}
	return n
}

// show returns how the character r, of the n bytes s starts with, is shown.
func show(s string, r rune, n int) cell {
	var t string
	switch {
	case r == utf8.RuneError && n == 1:
		t = fmt.Sprintf(`\x%02x`, s[0])
	case r == '\t':
		return cell{"\t", 1}
	case r < 0x80 && unicode.IsControl(r):
		t = fmt.Sprintf(`\x%02x`, r)
	case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || unicode.In(r, unicode.Zl, unicode.Zp):
		t = fmt.Sprintf(`\u%04x`, r)
	default:
		return cell{s[:n], Columns(r)}
	}
	return cell{t, len(t)}
}

// Columns returns how many columns a terminal gives the printable character r:
// 0 for a combining mark or another zero-width format character, 2 for an East
// Asian wide or fullwidth one (CJK ideographs, kana, Hangul syllables, most
// emoji), 1 for any other, East Asian ambiguous ones included (as terminals do
// outside CJK locales).
func Columns(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cellsBefore returns the last characters of s, in order, as long as they fit
// in w columns, and whether any was left out.
func cellsBefore(s string, w int) ([]cell, bool) {
	var cs []cell
	used := 0
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		c := show(s[len(s)-n:], r, n)
		if used+c.width > w {
			break
		}
		cs = append(cs, c)
		used += c.width
		s = s[:len(s)-n]
	}
	for i, j := 0, len(cs)-1; i < j; i, j = i+1, j-1 {
		cs[i], cs[j] = cs[j], cs[i]
	}
	return cs, s != ""
}

// cellsAfter returns the first characters of s as long as they fit in w
// columns, and whether any was left out.
func cellsAfter(s string, w int) ([]cell, bool) {
	var cs []cell
	used := 0
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		c := show(s, r, n)
		if used+c.width > w {
			break
		}
		cs = append(cs, c)
		used += c.width
		s = s[n:]
	}
	return cs, s != ""
}

// trimRight keeps the first cells of cs that fit in w columns.
func trimRight(cs []cell, w int, cut bool) ([]cell, bool) {
	used := 0
	for i, c := range cs {
		if used+c.width > w {
			return cs[:i], true
		}
		used += c.width
	}
	return cs, cut
}

// trimLeft keeps the last cells of cs that fit in w columns.
func trimLeft(cs []cell, w int, cut bool) ([]cell, bool) {
	used := 0
	for i := len(cs) - 1; i >= 0; i-- {
		if used+cs[i].width > w {
			return cs[i+1:], true
		}
		used += cs[i].width
	}
	return cs, cut
}
