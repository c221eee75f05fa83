package server

import (
	"strconv"
	"unicode/utf8"
)

// MaxKeyBytes is the longest integration key served, in bytes.
const MaxKeyBytes = 128

// ValidKey reports whether key can name an integration: 1 to [MaxKeyBytes]
// letters (A-Z, a-z), digits, '.', '_' and '-', and neither "." nor "..". The
// alphabet is ASCII so that keys are matched case-insensitively without Unicode
// case folding (which maps the Kelvin sign U+212A to 'k'), and so that a key is
// printable as it is, in logs and in paths.
func ValidKey(key string) bool {
	if key == "" || len(key) > MaxKeyBytes || key == "." || key == ".." {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// foldKey lower-cases the ASCII letters of a valid key; nothing else changes.
func foldKey(key string) string {
	for i := 0; i < len(key); i++ {
		if 'A' <= key[i] && key[i] <= 'Z' {
			b := []byte(key)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return key
}

// maxShownBytes bounds what logs and answers show of a key or path that came
// with a request.
const maxShownBytes = 64

// clipText returns s, or its first maxShownBytes bytes (cut at a character
// boundary) followed by "…(N bytes)" when it is longer: a request's path is shown
// bounded in logs and answers.
func clipText(s string) string { return clip(s, maxShownBytes) }

// clip returns s, or its first n bytes (cut at a character boundary) followed by
// "…(N bytes)".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…(" + strconv.Itoa(len(s)) + " bytes)"
}

// quoteText quotes a request's text for a message, bounded and escaped (Go
// syntax: control characters, escapes and invalid UTF-8 show as \x.. or \u....).
func quoteText(s string) string {
	return strconv.Quote(clipText(s))
}

// quotePath quotes a file path for a message when it holds anything but
// printable characters without spaces or quotes, and shows it as it is
// otherwise.
func quotePath(p string) string {
	for _, r := range p {
		if r == utf8.RuneError || r < 0x21 || r == 0x7f || r == '"' || r == '\\' || (r >= 0x80 && !strconv.IsPrint(r)) {
			return strconv.Quote(p)
		}
	}
	return p
}
