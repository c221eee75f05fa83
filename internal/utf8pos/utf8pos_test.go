package utf8pos

import "testing"

func TestFirstInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", -1},
		{"abc", -1},
		{"é😀\uFFFD", -1}, // a real U+FFFD is valid
		{"\xff", 0},
		{"ab\xffc", 2},
		{"é\xe2\x82", 2},     // cut short
		{"a\xed\xa0\x80", 1}, // a surrogate
	}
	for _, tt := range tests {
		if got := FirstInvalid(tt.in); got != tt.want {
			t.Errorf("FirstInvalid(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
