package handlebars

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonvalue"
)

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	v, err := jsonvalue.Decode([]byte(s), 0)
	require.NoError(t, err)
	return v
}

// TestContextStack checks Handlebars' context stack ("depths"), which only ../
// paths read: it is kept, and contexts compared with JavaScript's ==, only in
// templates that have a ../ path, as in Handlebars.js; and the comparisons'
// work is charged to the step budget.
func TestContextStack(t *testing.T) {
	// 10 000 numbers: stringifying it takes 10 000 steps.
	row := make([]any, 10000)
	for i := range row {
		row[i] = 1
	}
	rows := make([]any, 100)
	for i := range rows {
		rows[i] = row
	}
	big := strings.Repeat("x", 1<<20)
	bigCopy := strings.Repeat("x", 1<<20) // equal to big, another backing array
	for _, c := range []struct {
		name, tpl string
		data      any
		want      string
		sentinel  error // when the render must fail
	}{
		{name: "empty array item is its own context", tpl: `{{#each m}}{{#if true}}[{{../x}}]{{/if}}{{/each}}`,
			data: decodeJSON(t, `{"m": [[]], "x": "X"}`), want: "[X]"},
		{name: "empty array equals itself", tpl: `{{#equal a a}}yes{{else}}no{{/equal}}`,
			data: decodeJSON(t, `{"a": []}`), want: "yes"},
		// Without a ../ path no context is compared, so a deep array is
		// never stringified.
		{name: "no ../: deep array not stringified", tpl: `{{#each names}}{{#each @root.rows}}row{{/each}}{{/each}}`,
			data: decodeJSON(t, `{"names": ["a"], "rows": [`+strings.Repeat("[", 150)+strings.Repeat("]", 150)+`]}`), want: "row"},
		{name: "no ../: large arrays not stringified", tpl: `{{#each names}}{{#each @root.rows}}.{{/each}}{{/each}}`,
			data: map[string]any{"names": []any{"n", "n"}, "rows": rows}, want: strings.Repeat(".", 200)},
		{name: "@../ alone keeps no stack", tpl: `{{#each names}}{{#each @root.rows}}{{@../index}}{{/each}}{{/each}}`,
			data: map[string]any{"names": []any{"n", "n"}, "rows": rows[:3]}, want: "000111"},
		// With one, comparisons stringify, and pay for it.
		{name: "../: large arrays stringified", tpl: `{{#each names}}{{#each @root.rows}}{{../x}}{{/each}}{{/each}}`,
			data: map[string]any{"names": []any{"n", "n"}, "rows": rows}, sentinel: ErrStepBudget},
		{name: "../: long strings compared", tpl: `{{#each l}}{{#with ../s}}{{../x}}{{/with}}{{/each}}`,
			data: map[string]any{"s": big, "l": repeat(bigCopy, 100)}, sentinel: ErrStepBudget},
		{name: "../: long strings stringified", tpl: `{{#each l}}{{#with ../a}}{{../x}}{{/with}}{{/each}}`,
			data: map[string]any{"a": []any{big[:1<<19]}, "l": repeat("n", 200)}, sentinel: ErrStepBudget},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := render(t, c.tpl, c.data, WithFrameworkHelpers())
			assertRendered(t, got, err, c.want, c.sentinel)
		})
	}
}

func repeat(v any, n int) []any {
	l := make([]any, n)
	for i := range l {
		l[i] = v
	}
	return l
}

func TestUsesDepths(t *testing.T) {
	for _, c := range []struct {
		tpl  string
		want bool
	}{
		{`{{a}}{{#each l}}{{this}}{{@root.a}}{{/each}}`, false},
		{`{{#each l}}{{@../index}}{{/each}}`, false},
		{`{{#each l}}{{../a}}{{/each}}`, true},
		{`{{#each l}}{{#if ../a}}x{{/if}}{{/each}}`, true},
		{`{{#if a}}{{else}}{{#with b}}{{../c}}{{/with}}{{/if}}`, true},
		{`{{#if a}}{{else if ../b}}{{/if}}`, true},
		{`{{#with a}}{{../../b.c}}{{/with}}`, true},
	} {
		t.Run(c.tpl, func(t *testing.T) {
			tmpl, err := Parse(c.tpl)
			require.NoError(t, err)
			assert.Equal(t, c.want, tmpl.useDepths)
		})
	}
}
