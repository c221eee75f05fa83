package handlebars

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelperNamesWithThis: Handlebars.js treats a name as scoped, so never a
// helper, when it matches /^\.|this\b/; other names starting with "this" are
// helper names like any other.
func TestHelperNamesWithThis(t *testing.T) {
	for _, name := range []string{"thisOrThat", "thisx", "this_x", "this1"} {
		t.Run(name, func(t *testing.T) {
			got, err := render(t, "{{#"+name+" a b}}same{{else}}diff{{/"+name+"}}", map[string]any{"a": 1, "b": 1}, WithHelper(name, FrameworkHelpers()["equal"]))
			require.NoError(t, err)
			assert.Equal(t, "same", got)
		})
	}
	// Scoped names could never be called: registering one is an error.
	for _, name := range []string{"this", "xthis", "this-x", "a-this-b", "thisé"} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("x", WithHelper(name, FrameworkHelpers()["equal"]))
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, ErrSyntax)
		})
	}
}

func TestIsScoped(t *testing.T) {
	for _, c := range []struct {
		original string
		want     bool
	}{
		{"this", true}, {"this.a", true}, {"this/a", true}, {"./a", true}, {".", true}, {"..", true},
		{"a-this", true}, {"a-this-b", true}, {"thisé", true},
		{"thisOrThat", false}, {"this_x", false}, {"thisthat", false}, {"thisthis", true}, {"a", false}, {"a.b", false}, {"", false},
		{"thisthis-", true},
	} {
		assert.Equal(t, c.want, isScoped(c.original), c.original)
	}
}

// TestBracketedNames: a [bracketed] name is the name without brackets, as in
// Handlebars.js: {{[if]}} is treated exactly as {{if}}, and {{/[if]}} closes
// {{#if}}.
func TestBracketedNames(t *testing.T) {
	eq := WithFrameworkHelpers()
	data := map[string]any{"if": "IF", "each": "E", "log": "L", "lookup": "LK", "equal": "EQ", "this": "T", "a": "A", "t": true, "l": []any{"x", "y"}}
	for _, name := range []string{"if", "unless", "each", "with", "log", "lookup", "equal"} {
		t.Run(name, func(t *testing.T) {
			_, plainErr := Parse("{{"+name+"}}", eq)
			_, err := Parse("{{["+name+"]}}", eq)
			var plain, bracketed *ParseError
			require.ErrorAs(t, plainErr, &plain)
			require.ErrorAs(t, err, &bracketed)
			assert.Equal(t, plain.Err, bracketed.Err)
			assert.Equal(t, plain.Msg, bracketed.Msg)
		})
	}
	for _, c := range []struct{ tpl, want string }{
		{`{{#if t}}y{{/[if]}}`, "y"},
		{`{{#[if] t}}y{{/if}}`, "y"},
		{`{{#[each] l}}{{this}}{{/[each]}}`, "xy"},
		{`{{#equal a "A"}}same{{/[equal]}}`, "same"},
		{`{{#if t}}{{else [unless] t}}{{else}}n{{/if}}`, ""},
		{`{{[this]}}|{{[a]}}|{{this.[if]}}`, "T|A|IF"},
	} {
		t.Run(c.tpl, func(t *testing.T) {
			got, err := render(t, c.tpl, data, eq)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
	_, err := Parse(`{{#if t}}y{{/[unless]}}`)
	assert.ErrorIs(t, err, ErrSyntax)
}

// TestStringLiteralBackslash: in Handlebars.js a string literal with no
// closing quote ends at its last \" instead, read as a backslash and the quote.
func TestStringLiteralBackslash(t *testing.T) {
	eq := WithFrameworkHelpers()
	for _, c := range []struct{ tpl, x, want string }{
		{`{{#equal x "C:\"}}yes{{else}}no{{/equal}}`, `C:\`, "yes"},
		{`{{#equal x 'C:\'}}yes{{else}}no{{/equal}}`, `C:\`, "yes"},
		{`{{#equal x "a\"b\"}}yes{{else}}no{{/equal}}`, `a"b\`, "yes"},
		{`{{#equal x "a\"b"}}yes{{else}}no{{/equal}}`, `a"b`, "yes"},
		{`{{#equal x "a\\"}}yes{{else}}no{{/equal}}`, `a\\`, "yes"},
	} {
		t.Run(c.tpl, func(t *testing.T) {
			got, err := render(t, c.tpl, map[string]any{"x": c.x}, eq)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
	for _, tpl := range []string{`{{#equal x "C:}}{{/equal}}`, `{{#equal x "a\"b}}{{/equal}}"`} {
		_, err := Parse(tpl, eq)
		assert.ErrorIs(t, err, ErrSyntax, tpl)
	}
}
