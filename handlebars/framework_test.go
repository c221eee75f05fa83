package handlebars

import (
	"math"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsonvalue"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFrameworkHelpersAreFresh: no call's helpers are shared with another's,
// so changing one template's helpers changes no other template.
func TestFrameworkHelpersAreFresh(t *testing.T) {
	hs := FrameworkHelpers()
	eq := hs["equal"]
	eq.Fn = func(b *Block, _ []any) error { return b.Fn(b.This()) }
	hs["equal"] = eq
	delete(hs, "pathEncode")

	got, err := render(t, `{{#equal 1 2}}same{{else}}different{{/equal}}{{pathEncode "a b"}}`, nil, WithFrameworkHelpers())
	require.NoError(t, err)
	assert.Equal(t, "differenta%20b", got)
	assert.Len(t, FrameworkHelpers(), 6)
}

func TestStrictEqual(t *testing.T) {
	obj := &jsonvalue.Object{}
	arr := []any{"a"}
	for _, c := range []struct {
		name       string
		a, b       any
		aDef, bDef bool
		want       bool
	}{
		{"number and string", 1, "1", true, true, false},
		{"Number and int", jsonvalue.Number("4.0e2"), 400, true, true, true},
		{"Number and float", jsonvalue.Number("0.1"), 0.1, true, true, true},
		{"NaN", math.NaN(), math.NaN(), true, true, false},
		{"zeros", jsonvalue.Number("-0"), 0, true, true, true},
		{"true and 1", true, 1, true, true, false},
		{"bools", false, false, true, true, true},
		{"strings", "é", "é", true, true, true},
		{"strings of one length", "ab", "ac", true, true, false},
		{"null and null", nil, nil, true, true, true},
		{"null and undefined", nil, nil, true, false, false},
		{"undefined and undefined", nil, nil, false, false, true},
		{"null and empty", nil, "", true, true, false},
		{"same object", obj, obj, true, true, true},
		{"equal objects", obj, &jsonvalue.Object{}, true, true, false},
		{"same array", arr, arr, true, true, true},
		{"array and its text", arr, "a", true, true, false},
		{"object and map", obj, map[string]any{}, true, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &renderer{t: &Template{limits: Limits{}.withDefaults()}}
			got, err := r.strictEqual(c.a, c.aDef, c.b, c.bDef)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			got, err = r.strictEqual(c.b, c.bDef, c.a, c.aDef)
			require.NoError(t, err)
			assert.Equal(t, c.want, got, "symmetric")
		})
	}
	r := &renderer{t: &Template{limits: Limits{}.withDefaults()}}
	_, err := r.strictEqual(struct{}{}, true, 1, true)
	assert.ErrorIs(t, err, ErrDataType)
}

func TestFrameworkHelperParseErrors(t *testing.T) {
	for _, c := range []struct {
		name, tpl string
		sentinel  error
	}{
		{"value helper as block", `{{#pathEncode a}}x{{/pathEncode}}`, ErrUnsupported},
		{"block helper as value", `{{equal a b}}`, ErrUnsupported},
		{"too few", `{{formatWithOffset a 0}}`, ErrArity},
		{"too many", `{{queryEncode a b}}`, ErrArity},
		{"none", `{{basicAuthHeaderValue}}`, ErrArity},
		{"equal arity", `{{#equal a}}x{{/equal}}`, ErrArity},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.tpl, WithFrameworkHelpers())
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, c.sentinel)
		})
	}
	// Without the option, none of them exists.
	_, err := Parse(`{{pathEncode a}}`)
	assert.ErrorIs(t, err, ErrUnknownHelper)
}

func TestFrameworkHelperRenderErrors(t *testing.T) {
	for _, c := range []struct {
		name, tpl, msg string
		data           map[string]any
	}{
		{"rfc3339 of NaN", `{{formatWithOffset ms x 'rfc3339'}}`, "invalid time value", map[string]any{"ms": 0}},
		{"simple out of range", `{{formatWithOffset ms 1 'simple'}}`, "invalid time value", map[string]any{"ms": 8.64e15}},
		{"string ms", `{{formatWithOffset ms 0 'seconds'}}`, "not a string", map[string]any{"ms": "1700000000000"}},
		{"array ms", `{{formatWithOffset ms 0 'seconds'}}`, "not an array", map[string]any{"ms": []any{1.0}}},
		{"object ms", `{{formatWithOffset ms 0 'seconds'}}`, "not an object", map[string]any{"ms": map[string]any{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := render(t, "x\n  "+c.tpl, c.data, WithFrameworkHelpers())
			var re *RenderError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, ErrHelper)
			assert.Contains(t, re.Msg, "formatWithOffset: ")
			assert.Contains(t, re.Msg, c.msg)
			assert.Equal(t, [2]int{2, 3}, [2]int{re.Line, re.Column})
		})
	}
	_, err := render(t, `{{pathEncode x}}`, map[string]any{"x": struct{}{}}, WithFrameworkHelpers())
	assert.ErrorIs(t, err, ErrDataType)
}

// TestFrameworkHelperValues covers what the goldens cannot: Go data, and the
// literal text of a jsonvalue.Number.
func TestFrameworkHelperValues(t *testing.T) {
	for _, c := range []struct {
		name, tpl, want string
		data            map[string]any
	}{
		{"Number keeps its text", `{{queryEncode n}}|{{basicAuthHeaderValue n n}}`, "1.50|Basic MS41MDoxLjUw", map[string]any{"n": jsonvalue.Number("1.50")}},
		{"Number as a time", `{{formatWithOffset n 0 'milliseconds'}}`, "1500", map[string]any{"n": jsonvalue.Number("1.5e3")}},
		{"Go integers", `{{queryEncode i}}|{{formatWithOffset i 1 'seconds'}}`, "-7|1", map[string]any{"i": int64(-7)}},
		{"invalid UTF-8 as U+FFFD", `{{queryEncode s}}|{{basicAuthHeaderValue s s}}`, "a%EF%BF%BD%EF%BF%BDb|Basic Ye+/ve+/vWI6Ye+/ve+/vWI=", map[string]any{"s": "a\xff\xfeb"}},
		{"map members", `{{pathEncode m.k}}|{{pathEncode m.none}}`, "v%7C|undefined", map[string]any{"m": map[string]any{"k": "v|"}}},
		{"null map member", `{{pathEncode m.k}}`, "null", map[string]any{"m": map[string]any{"k": nil}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := render(t, c.tpl, c.data, WithFrameworkHelpers())
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestFrameworkHelpersAreBudgeted(t *testing.T) {
	long := strings.Repeat("é", 1<<16)
	items := make([]any, 100)
	for _, tpl := range []string{
		`{{#each items}}{{#equal ../s ../s}}{{/equal}}{{/each}}`,
		`{{#each items}}{{queryEncode ../s}}{{/each}}`,
		`{{#each items}}{{basicAuthHeaderValue ../s ../s}}{{/each}}`,
		`{{#each items}}{{formatWithOffset 0 ../s 'seconds'}}{{/each}}`,
	} {
		t.Run(tpl, func(t *testing.T) {
			_, err := render(t, tpl, map[string]any{"s": long, "items": items}, WithFrameworkHelpers(),
				WithLimits(Limits{MaxSteps: 10_000, MaxOutputSize: 1 << 30}))
			assert.ErrorIs(t, err, ErrStepBudget)
		})
	}
}

func TestValueHelperContextPaths(t *testing.T) {
	tmpl, err := Parse(`{{pathEncode a.b}}{{#with c}}{{formatWithOffset d 0 'simple'}}{{/with}}{{#equal e f}}{{g}}{{/equal}}`, WithFrameworkHelpers())
	require.NoError(t, err)
	paths, complete := tmpl.ContextPaths()
	assert.True(t, complete)
	assert.Equal(t, [][]string{{"a", "b"}, {"c"}, {"e"}, {"f"}, {"g"}}, paths)
}

// TestBoxedContextStaysInside: the object that equal passes a primitive
// context on as is never seen by a registered helper, as This or a
// parameter.
func TestBoxedContextStaysInside(t *testing.T) {
	var seen []any
	probe := Helper{Params: 1, Fn: func(b *Block, p []any) error {
		seen = append(seen, b.This(), p[0])
		return nil
	}}
	_, err := render(t, `{{#each xs}}{{#equal 1 1}}{{#probe this}}{{/probe}}{{/equal}}{{/each}}`,
		map[string]any{"xs": []any{"a", 2, false}}, WithFrameworkHelpers(), WithHelper("probe", probe))
	require.NoError(t, err)
	assert.Equal(t, []any{"a", "a", 2, 2, false, false}, seen)
}

// TestValueHelperUnderAnotherName: a value helper keeps working when a
// template registers it under a name of its own.
func TestValueHelperUnderAnotherName(t *testing.T) {
	got, err := render(t, `{{enc s}}`, map[string]any{"s": "a b"}, WithHelper("enc", FrameworkHelpers()["queryEncode"]))
	require.NoError(t, err)
	assert.Equal(t, "a%20b", got)
}

// TestChangedParamsNeverPanic: a framework helper whose Params a caller
// changed is rejected (value helpers) or fails the render (equal), instead of
// reading parameters that are not there.
func TestChangedParamsNeverPanic(t *testing.T) {
	enc := FrameworkHelpers()["queryEncode"]
	enc.Params = -1
	_, err := Parse(`{{enc}}`, WithHelper("enc", enc))
	assert.ErrorIs(t, err, ErrArity)

	eq := FrameworkHelpers()["equal"]
	eq.Params = -1
	_, err = render(t, `{{#eq a}}x{{/eq}}`, map[string]any{"a": 1}, WithHelper("eq", eq))
	var re *RenderError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, ErrArity)
}
