package handlebars

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStringWorkIsBudgeted checks that reading a string's length or a
// character by index, whose time grows with the string, is charged to the step
// budget by the bytes scanned, so that a render's work stays within a
// constant times MaxSteps.
func TestStringWorkIsBudgeted(t *testing.T) {
	mib := strings.Repeat("x", 1<<20)
	other := strings.Repeat("y", 1<<20)
	small := Limits{MaxSteps: 10000} // less than scanning 1 MiB costs
	for _, c := range []struct {
		name, tpl string
		data      any
		limits    Limits
		want      string
		sentinel  error // when the render must fail
	}{
		{name: "length of 1 MiB", tpl: `{{s.length}}`, data: map[string]any{"s": mib}, limits: small, sentinel: ErrStepBudget},
		{name: "last character of 1 MiB", tpl: `{{s.[1048575]}}`, data: map[string]any{"s": mib}, limits: small, sentinel: ErrStepBudget},
		{name: "index past the end of 1 MiB", tpl: `{{s.[2000000]}}`, data: map[string]any{"s": mib}, limits: small, sentinel: ErrStepBudget},
		{name: "first character is cheap", tpl: `{{s.[0]}}{{s.[1]}}`, data: map[string]any{"s": mib}, limits: small, want: "xx"},
		{name: "length of a short string", tpl: `{{s.length}}`, data: map[string]any{"s": "héllo😀"}, limits: Limits{MaxSteps: 1}, want: "7"},
		// Each 1 MiB length costs 16384 steps: 1000 of them would take
		// seconds and are stopped early.
		{name: "lengths in a loop", tpl: `{{#each l}}{{@root.s.length}}{{@root.t.length}}{{/each}}`,
			data: map[string]any{"s": mib, "t": other, "l": make([]any, 1000)}, sentinel: ErrStepBudget},
		// The length of the same string is measured once.
		{name: "same length in a loop", tpl: `{{#each l}}{{@root.s.[0]}}{{@root.s.length}},{{/each}}`,
			data: map[string]any{"s": mib, "l": make([]any, 1000)}, want: strings.Repeat("x1048576,", 1000)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := render(t, c.tpl, c.data, WithLimits(c.limits))
			assertRendered(t, got, err, c.want, c.sentinel)
		})
	}
}

// BenchmarkStringLength shows that a loop over the length of a long string
// costs one scan of it, not one per iteration.
func BenchmarkStringLength(b *testing.B) {
	tmpl, err := Parse(`{{#each l}}{{@root.s.[0]}}{{@root.s.length}}{{/each}}`)
	if err != nil {
		b.Fatal(err)
	}
	data := map[string]any{"s": strings.Repeat("x", 1<<20), "l": make([]any, 1000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.Render(data); err != nil {
			b.Fatal(err)
		}
	}
}

// assertRendered checks a render's outcome: want, or with a sentinel a
// *RenderError wrapping it.
func assertRendered(t *testing.T, got string, err error, want string, sentinel error) {
	t.Helper()
	if sentinel != nil {
		var re *RenderError
		require.ErrorAs(t, err, &re)
		assert.ErrorIs(t, err, sentinel)
		return
	}
	require.NoError(t, err)
	assert.Equal(t, want, got)
}
