package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"0", 0, ""},
		{"1048576", 1 << 20, ""},
		{"256MiB", 256 << 20, ""},
		{"256mib", 256 << 20, ""},
		{"1GiB", 1 << 30, ""},
		{"512KB", 512_000, ""},
		{"512kb", 512_000, ""},
		{"2KiB", 2048, ""},
		{"3MB", 3_000_000, ""},
		{"1GB", 1_000_000_000, ""},
		{"2TiB", 2 << 40, ""},
		{"10B", 10, ""},
		{"", 0, "want bytes"},
		{"MiB", 0, "want bytes"},
		{"-1", 0, "want bytes"},
		{"1.5GiB", 0, "want bytes"},
		{"256 MiB", 0, "want bytes"},
		{"256M", 0, "want bytes"},
		{"0x10", 0, "want bytes"},
		{"9999999TiB", 0, "too large"},
		{"99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			assert.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 1000: "1000", 1024: "1KiB", 256 << 20: "256MiB", 1 << 30: "1GiB", 3 << 40: "3TiB", 1<<20 + 1: "1048577"} {
		assert.Equal(t, want, formatSize(n))
		if n > 0 {
			back, err := parseSize(want)
			assert.NoError(t, err)
			assert.Equal(t, n, back)
		}
	}
}
