package handlebars

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestStringIndexByUTF16: strings are indexed by UTF-16 code unit as in
// JavaScript. Half of a surrogate pair cannot be held by a Go string, and
// should not be put in a JSON string: it is U+FFFD, where Handlebars.js
// gives the lone surrogate.
func TestStringIndexByUTF16(t *testing.T) {
	got, err := render(t, `{{s.length}}:{{s.[0]}}|{{s.[1]}}|{{s.[2]}}|{{s.[3]}}|{{s.[4]}}|{{s.[5]}}|`, map[string]any{"s": "é😀a\u2028"})
	require.NoError(t, err)
	assert.Equal(t, "5:é|\uFFFD|\uFFFD|a|\\u2028||", got)
}
