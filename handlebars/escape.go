package handlebars

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// EscapeJSONString returns s escaped for the inside of a JSON string literal:
// the result placed between double quotes is a valid JSON string that decodes
// to s. It escapes '"' and '\' with a backslash; the control characters
// U+0000–U+001F as \b, \t, \n, \f, \r or \u00XX; and, so that the output is also
// safe inside an HTML <script> element or a JavaScript string, '<', '>', '&',
// U+2028 and U+2029 as \u003c, \u003e, \u0026, \u2028 and \u2029. Each byte of
// invalid UTF-8 becomes U+FFFD. Every other character is written as is.
//
// Every interpolation in a template ({{x}}, {{{x}}} and {{&x}}) is escaped this
// way.
func EscapeJSONString(s string) string {
	var b strings.Builder
	appendEscaped(&b, s)
	return b.String()
}

// appendEscaped writes s, escaped as EscapeJSONString describes, to b.
func appendEscaped(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(s[start:i])
			b.WriteString("\uFFFD")
		case r == '\u2028':
			b.WriteString(s[start:i])
			b.WriteString(`\u2028`)
		case r == '\u2029':
			b.WriteString(s[start:i])
			b.WriteString(`\u2029`)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b.WriteString(s[start:])
}
