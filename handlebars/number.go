package handlebars

import (
	"math"
	"strconv"
	"strings"
)

// JavaScript's conversions between numbers and strings: Number.prototype.toString
// (jsNumberString) and Number(s) (jsToNumber).

// jsNumberString formats f as JavaScript's Number.prototype.toString does.
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest round-trip digits and exponent: d.ddde±x.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	m := digits[:1]
	if k > 1 {
		m += "." + digits[1:]
	}
	return sign + m + "e" + es + strconv.Itoa(abs(n-1))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// jsToNumber converts a string as JavaScript's Number(s) does.
func jsToNumber(s string) float64 {
	s = strings.TrimFunc(s, func(r rune) bool { return isJSSpace(r) || r == '\u2028' || r == '\u2029' })
	if s == "" {
		return 0
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			return parseRadixLiteral(s[2:], base)
		}
	}
	if !isDecimalLiteral(s) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return math.NaN()
	}
	return f
}

// parseRadixLiteral converts the digits of a 0x, 0o or 0b literal (base 16, 8
// or 2) to the nearest float64, ties to even, as JavaScript does for any
// number of digits; it is NaN when digits is empty or holds another character.
func parseRadixLiteral(digits string, base int) float64 {
	if digits == "" {
		return math.NaN()
	}
	bits := uint(1) // bits per digit
	switch base {
	case 16:
		bits = 4
	case 8:
		bits = 3
	}
	// m holds the leading bits, at most 63 of them; exp counts the bits
	// dropped after them, and sticky whether any of those was 1.
	var m uint64
	exp, sticky := 0, false
	for i := 0; i < len(digits); i++ {
		d, ok := digitValue(digits[i])
		if !ok || d >= uint64(base) {
			return math.NaN()
		}
		if m < 1<<(63-bits) {
			m = m<<bits | d
			continue
		}
		exp += int(bits)
		sticky = sticky || d != 0
	}
	// m has at least 60 bits once any is dropped, so its bit 0 lies below
	// float64's rounding bit: setting it for the dropped ones makes the single
	// rounding of the conversion correct.
	if sticky {
		m |= 1
	}
	return math.Ldexp(float64(m), exp)
}

func digitValue(c byte) (uint64, bool) {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0'), true
	case 'a' <= c && c <= 'f':
		return uint64(c-'a') + 10, true
	case 'A' <= c && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// isDecimalLiteral matches [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?.
func isDecimalLiteral(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	nInt := i - intStart
	nFrac := 0
	if i < len(s) && s[i] == '.' {
		i++
		f := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		nFrac = i - f
	}
	if nInt == 0 && nFrac == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == e {
			return false
		}
	}
	return i == len(s)
}
