package handlebars

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelperErrors checks that Render always fails with a *RenderError: an
// error that b.Fn or b.Inverse returned passes through unchanged, at the node
// that failed, only when the helper returns that very error; any other error
// is reported at the helper's tag, wrapping ErrHelper and the helper's error.
func TestHelperErrors(t *testing.T) {
	type weird struct{}
	other, err := Parse("\n\n\n          {{a.b}}")
	require.NoError(t, err)
	otherErr := func() error {
		_, err := other.Render(map[string]any{"a": weird{}})
		return err
	}
	var stale error // a *RenderError from an earlier render of the same template
	helpers := map[string]Helper{
		"pass": {Fn: func(b *Block, _ []any) error { return b.Fn(b.This()) }},
		"passInverse": {Fn: func(b *Block, _ []any) error {
			return b.Inverse(b.This())
		}},
		"wrap": {Fn: func(b *Block, _ []any) error {
			if err := b.Fn(b.This()); err != nil {
				return fmt.Errorf("wrap helper: %w", err)
			}
			return nil
		}},
		"first": {Fn: func(b *Block, _ []any) error {
			first := b.Fn(b.This())
			_ = b.Inverse(b.This())
			return first
		}},
		"other": {Fn: func(*Block, []any) error { return otherErr() }},
		"stale": {Fn: func(b *Block, _ []any) error {
			if stale != nil {
				return stale
			}
			stale = b.Fn(b.This())
			return nil
		}},
	}
	var opts []Option
	for name, h := range helpers {
		opts = append(opts, WithHelper(name, h))
	}
	data := map[string]any{"x": weird{}}
	for _, c := range []struct {
		name, tpl  string
		wantHelper bool // wrapped in ErrHelper at the helper's tag
		line, col  int
	}{
		{name: "Fn error passed through", tpl: "ok\n{{#pass}}  {{x.y}}{{/pass}}", line: 2, col: 12},
		{name: "Inverse error passed through", tpl: "ok\n{{#passInverse}}{{else}}{{x}}{{/passInverse}}", line: 2, col: 25},
		{name: "first of two errors passed through", tpl: "{{#first}}{{x}}{{else}}  {{x}}{{/first}}", line: 1, col: 11},
		{name: "nested helpers pass through", tpl: "{{#pass}}{{#pass}} {{x}}{{/pass}}{{/pass}}", line: 1, col: 20},
		{name: "wrapped Fn error", tpl: "ok\n {{#wrap}}{{x.y}}{{/wrap}}", wantHelper: true, line: 2, col: 2},
		{name: "wrapped error inside passing helper", tpl: "{{#pass}} {{#wrap}}{{x}}{{/wrap}}{{/pass}}", wantHelper: true, line: 1, col: 11},
		{name: "error of another template", tpl: "{{#other}}{{/other}}", wantHelper: true, line: 1, col: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := render(t, c.tpl, data, opts...)
			re, ok := err.(*RenderError)
			require.True(t, ok, "Render returned %T %v, not a *RenderError", err, err)
			assert.Equal(t, c.wantHelper, errors.Is(err, ErrHelper), "errors.Is(err, ErrHelper)")
			assert.ErrorIs(t, err, ErrDataType)
			assert.Equal(t, c.line, re.Line, "line")
			assert.Equal(t, c.col, re.Column, "column")
		})
	}
	t.Run("error of an earlier render", func(t *testing.T) {
		tmpl, err := Parse("{{#stale}}{{x}}{{/stale}}", opts...)
		require.NoError(t, err)
		_, err = tmpl.Render(data)
		require.NoError(t, err)
		require.NotNil(t, stale)
		_, err = tmpl.Render(data)
		assert.NotSame(t, stale, err)
		assert.ErrorIs(t, err, ErrHelper)
	})
}
