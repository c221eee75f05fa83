package handlebars

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSToNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"0x10", 16}, {"0XfF", 255}, {"0o17", 15}, {"0b101", 5},
		{"0xffffffffffffffff", 18446744073709551615},
		{"0x10000000000000000", 18446744073709551616},
		{"0x0000000000000000000010", 16},
		{"0b10000000000000000000000000000000000000000000000000000000000000000", 18446744073709551616},
		{"0o2000000000000000000000", 18446744073709551616},
		// Around 2^69, where float64s are 2^17 apart: ties go to even.
		{"0x200000000000010000", 0x1p69},
		{"0x200000000000010001", 0x1p69 + 0x1p17},
		{"0x200000000000030000", 0x1p69 + 0x1p18},
		{"0x1" + strings.Repeat("0", 256), math.Inf(1)},
		{"0x", math.NaN()}, {"0x1g", math.NaN()}, {"0o8", math.NaN()}, {"0b2", math.NaN()}, {"-0x1", math.NaN()}, {"0x+1", math.NaN()},
		{" 12 ", 12}, {"1e3", 1000}, {"", 0}, {"abc", math.NaN()},
	} {
		t.Run(c.in, func(t *testing.T) {
			got := jsToNumber(c.in)
			if math.IsNaN(c.want) {
				assert.True(t, math.IsNaN(got), "got %v", got)
				return
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestJSNumberString(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-1.5, "-1.5"}, {0.1, "0.1"}, {1e21, "1e+21"},
		{1e20, "100000000000000000000"}, {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {123.456, "123.456"},
		{math.Inf(1), "Infinity"}, {math.NaN(), "NaN"}, {5e-324, "5e-324"},
	} {
		t.Run(c.want, func(t *testing.T) { assert.Equal(t, c.want, jsNumberString(c.f)) })
	}
}
