package handlebars

import "testing"

func TestLocate(t *testing.T) {
	tests := []struct {
		src  string
		data map[string]any
		out  int // offset in the output
		want int // offset in the source
	}{
		// {"ok": , "msg": ""}: the ',' at 7 follows the empty {{success}}.
		{`{"ok": {{success}}, "msg": "{{m}}"}`, map[string]any{"m": ""}, 7, 7},
		// A byte inside an interpolation's output.
		{`{"a": "{{x}}"}`, map[string]any{"x": "hello"}, 9, 7},
		// A byte inside a text after a block.
		{`{{#if a}}yes{{/if}} and more`, map[string]any{"a": true}, 5, 21},
		// The first byte.
		{`{{x}}!`, map[string]any{"x": "v"}, 0, 0},
		// Past the end: the end of the last text.
		{`{"a": 1`, nil, 100, 7},
		// A text right after an interpolation, past its leading bytes, is the text's.
		{`{{x}} tail`, map[string]any{"x": "v"}, 4, 8},
	}
	for _, tt := range tests {
		tmpl, err := Parse(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := tmpl.Locate(tt.data, tt.out); got != tt.want {
			out, _ := tmpl.Render(tt.data)
			t.Errorf("Locate(%q over output %q, %d) = %d, want %d", tt.src, out, tt.out, got, tt.want)
		}
	}
}
