package handlebars

import (
	"encoding/base64"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// FrameworkHelpers returns the helpers that LaunchDarkly's integration
// framework registers for its templates (its helpers/index.js), as a new map
// on every call, so that changing it changes no other template:
//
//   - equal and equalWithElse, block helpers: {{#equal a b}}…{{else}}…{{/equal}}
//     renders its block when a === b (JavaScript's strict equality, see
//     below) and its else part otherwise. As the framework's helper is a
//     sloppy-mode JavaScript function, a string, number or boolean context
//     reaches its block as an object (new String("a")): it prints and reads
//     as before, but is truthy for #if even when false, 0 or "", iterable by
//     character for #each when a string, and === only to itself.
//   - pathEncode v: JavaScript's encodeURI(v).
//   - queryEncode v: JavaScript's encodeURIComponent(v).
//   - basicAuthHeaderValue user pass: "Basic " and the base64 of the UTF-8
//     bytes of "user:pass", as Node's Buffer encodes it.
//   - formatWithOffset ms offset format: the time ms milliseconds after the
//     Unix epoch plus offset seconds, as milliseconds (format "milliseconds"
//     or any other value), seconds rounded to the nearest ("seconds"), an
//     RFC 3339 UTC timestamp with milliseconds ("rfc3339",
//     2006-01-02T15:04:05.000Z) or "yyyy-mm-dd h:MM:ss" ("simple": the hour
//     from 1 to 12 without a padding zero or AM/PM, as the framework writes
//     it).
//
// The value helpers are called as {{name param…}}; their result is escaped
// like any interpolation. Every helper takes exactly the parameters listed;
// Parse rejects another count, where Handlebars.js would pass its options
// object in place of a missing parameter.
//
// The helpers convert values as JavaScript does: a missing value is
// undefined ("undefined" as a string, NaN as a number) and differs from
// null ("null", 0); a boolean is "true" or 1; an array is its elements
// joined by ","; an object is "[object Object]". As elsewhere in this
// package, a [jsonvalue.Number] is its literal text as a string and its
// value as a number. Strict equality compares numbers by value (so a
// jsonvalue.Number equals a Go number of the same value, NaN equals nothing),
// strings by content, and arrays and objects by identity (see
// [Template.Render]); values of different types, such as 1 and "1" or null
// and a missing value, differ.
//
// formatWithOffset differs from the framework in two ways. Its "simple"
// format uses UTC, where the framework uses the local time zone of the
// server it runs on. And ms must be a number, a boolean or null: a string,
// array or object makes the render fail, where JavaScript joins it to the
// offset as text and parses the result as a date with engine-specific rules.
// Like the framework, it fails for a time that is not a number or lies
// beyond JavaScript's dates (±8.64e15 ms) with format "rfc3339" or "simple",
// and writes NaN with the other formats.
func FrameworkHelpers() map[string]Helper {
	equal := Helper{Params: 2, SameContext: true, Fn: strictEqualBlock}
	return map[string]Helper{
		"equal":                equal,
		"equalWithElse":        equal,
		"pathEncode":           {Params: 1, value: uriEncoder(uriReserved), arity: 1},
		"queryEncode":          {Params: 1, value: uriEncoder(""), arity: 1},
		"basicAuthHeaderValue": {Params: 2, value: basicAuthHeaderValue, arity: 2},
		"formatWithOffset":     {Params: 3, value: formatWithOffset, arity: 3},
	}
}

// WithFrameworkHelpers registers every helper of [FrameworkHelpers] for this
// template. A later [WithHelper] of the same name replaces one.
func WithFrameworkHelpers() Option {
	return func(c *config) {
		for name, h := range FrameworkHelpers() {
			WithHelper(name, h)(c)
		}
	}
}

// strictEqualBlock is the framework's equal: the block when params[0] ===
// params[1], else the else part.
//
// Like the framework's helper, a function in JavaScript's sloppy mode, it
// passes its "this" on boxed: inside the block a string, number or boolean
// context is its object (see boxed), which is truthy, iterable when a string,
// and === only to itself. It compares the parameters as evaluated, boxed
// contexts included, not the unboxed ones a Helper's Fn is given.
func strictEqualBlock(b *Block, _ []any) error {
	if len(b.params) != 2 {
		return fmt.Errorf("%w: takes 2 parameters, got %d", ErrArity, len(b.params))
	}
	eq, err := b.r.strictEqual(b.params[0], b.defined[0], b.params[1], b.defined[1])
	if err != nil {
		return err
	}
	this := box(b.this)
	if eq {
		return b.render(b.stmt.program, this)
	}
	return b.render(b.stmt.inverse, this)
}

// strictEqual is JavaScript's a === b for values of the data model; aDef and
// bDef say whether each is defined (undefined differs from null).
func (r *renderer) strictEqual(a any, aDef bool, b any, bDef bool) (bool, error) {
	a, b = normalize(a), normalize(b)
	if err := checkType(a); err != nil {
		return false, err
	}
	if err := checkType(b); err != nil {
		return false, err
	}
	if !aDef || !bDef {
		return aDef == bDef, nil
	}
	if a == nil || b == nil {
		return a == nil && b == nil, nil
	}
	if fa, ok := toFloat(a); ok {
		fb, ok := toFloat(b)
		return ok && fa == fb, nil
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		if !ok || len(x) != len(y) {
			return false, nil
		}
		if err := r.chargeBytes(len(x)); err != nil {
			return false, err
		}
		return x == y, nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y, nil
	}
	return isObjectLike(b) && sameObject(a, b), nil
}

// jsString converts v as JavaScript's String(v) does, with undefined as
// "undefined" and null as "null" (unlike template output, which writes them
// as nothing), and any bytes of a Go string that are not UTF-8 as U+FFFD, as
// a JavaScript string would hold them.
func (r *renderer) jsString(v any, defined bool) (string, error) {
	v = normalize(unbox(v))
	switch x := v.(type) {
	case nil:
		if !defined {
			return "undefined", nil
		}
		return "null", nil
	case string:
		if err := r.chargeBytes(len(x)); err != nil {
			return "", err
		}
		return wellFormed(x), nil
	}
	s, err := r.primitiveString(v)
	return wellFormed(s), err
}

// wellFormed replaces each byte of s that is not part of a UTF-8 sequence by
// U+FFFD.
func wellFormed(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(c)
	}
	return b.String()
}

// jsNumber converts v as JavaScript's Number(v) does; undefined is NaN.
func (r *renderer) jsNumber(v any, defined bool) (float64, error) {
	v = normalize(unbox(v))
	if f, ok := toFloat(v); ok {
		return f, nil
	}
	switch x := v.(type) {
	case nil:
		if !defined {
			return math.NaN(), nil
		}
		return 0, nil
	case bool:
		return boolNumber(x), nil
	case string:
		if err := r.chargeBytes(len(x)); err != nil {
			return 0, err
		}
		return jsToNumber(x), nil
	}
	s, err := r.primitiveString(v)
	if err != nil {
		return 0, err
	}
	return jsToNumber(s), nil
}

// The characters that encodeURI keeps besides those encodeURIComponent
// keeps (letters, digits and uriMark).
const (
	uriReserved = ";/?:@&=+$,#"
	uriMark     = "-_.!~*'()"
)

// uriEncoder returns a helper that percent-encodes the string form of its
// parameter as UTF-8, keeping letters, digits, uriMark and the characters of
// keep: encodeURIComponent for keep "", encodeURI for keep uriReserved.
func uriEncoder(keep string) func(*renderer, []any, []bool) (any, error) {
	return func(r *renderer, params []any, defined []bool) (any, error) {
		s, err := r.jsString(params[0], defined[0])
		if err != nil {
			return nil, err
		}
		if err := r.chargeBytes(len(s)); err != nil {
			return nil, err
		}
		const hex = "0123456789ABCDEF"
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if isAlnum(c) || strings.IndexByte(uriMark, c) >= 0 || strings.IndexByte(keep, c) >= 0 {
				b.WriteByte(c)
				continue
			}
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
		return b.String(), nil
	}
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// basicAuthHeaderValue is "Basic " + base64 of "user:pass" in UTF-8, as
// Buffer.from(s).toString("base64") writes it.
func basicAuthHeaderValue(r *renderer, params []any, defined []bool) (any, error) {
	user, err := r.jsString(params[0], defined[0])
	if err != nil {
		return nil, err
	}
	pass, err := r.jsString(params[1], defined[1])
	if err != nil {
		return nil, err
	}
	if err := r.chargeBytes(len(user) + len(pass)); err != nil {
		return nil, err
	}
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass)), nil
}
