package handlebars

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/segsync/segsync/jsonvalue"
)

// The data model, with JavaScript's semantics: values are nil, bool, string,
// jsonvalue.Number, []any, *jsonvalue.Object, map[string]any, Go integers and
// floats. Anything else is an ErrDataType when a template touches it.

// nullContextType stands for Handlebars.js's container.nullContext: the empty
// object a helper receives as "this" when the context is null.
type nullContextType struct{}

var nullContext = &nullContextType{}

// boxed is a string, number or boolean wrapped in its object, as JavaScript
// passes "this" to a sloppy-mode function such as the framework's equal
// helper, which renders its block with that object as context. It reads and
// prints as its primitive, but it is an object: truthy whatever its value,
// equal under === only to itself, iterable by character when a string. Only
// the framework's equal makes one (see box), and no helper sees one.
type boxed struct{ v any }

// box returns v as the framework's equal helper passes it on as context: a
// primitive boxed, other values as they are.
func box(v any) any {
	switch v.(type) {
	case string, bool:
		return &boxed{v}
	}
	if _, ok := toFloat(v); ok {
		return &boxed{v}
	}
	return v
}

// unbox returns the primitive of a boxed value (JavaScript's ToPrimitive of
// it), other values as they are.
func unbox(v any) any {
	if b, ok := v.(*boxed); ok {
		return b.v
	}
	return v
}

// errType is returned by value functions for a Go type outside the model.
type errType struct{ v any }

func (e errType) Error() string { return fmt.Sprintf("data value of Go type %T is not supported", e.v) }

func (e errType) Unwrap() error { return ErrDataType }

// normalize turns a nil *jsonvalue.Object into null.
func normalize(v any) any {
	if o, ok := v.(*jsonvalue.Object); ok && o == nil {
		return nil
	}
	return v
}

// toFloat converts a number to float64; ok is false for non-numbers.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case jsonvalue.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil && !isRangeErr(err) {
			return math.NaN(), true
		}
		return f, true
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	}
	return 0, false
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// checkType reports values outside the data model.
func checkType(v any) error {
	switch v.(type) {
	case nil, bool, string, jsonvalue.Number, []any, *jsonvalue.Object, map[string]any, *nullContextType, *boxed:
		return nil
	}
	if _, ok := toFloat(v); ok {
		return nil
	}
	return errType{v}
}

// falsy reports whether Handlebars' #if treats v as false: false, null,
// "", 0, NaN and the empty array.
func falsy(v any) (bool, error) {
	switch x := normalize(v).(type) {
	case nil:
		return true, nil
	case bool:
		return !x, nil
	case string:
		return x == "", nil
	case []any:
		return len(x) == 0, nil
	case *jsonvalue.Object, map[string]any, *nullContextType, *boxed:
		return false, nil
	}
	if f, ok := toFloat(v); ok {
		return f == 0 || math.IsNaN(f), nil
	}
	return false, errType{v}
}

// isEmpty is Handlebars' Utils.isEmpty, used by #with: falsy, except that the
// number zero is not empty.
func isEmpty(v any) (bool, error) {
	f, err := falsy(v)
	if err != nil || !f {
		return false, err
	}
	if n, ok := toFloat(v); ok {
		return math.IsNaN(n), nil
	}
	return true, nil
}

// lookupProperty reads one property as Handlebars.js's lookupProperty does:
// own members of objects; index and length of arrays; length of strings and
// their UTF-16 code units by index.
//
// A string's length and its code unit at index i take time proportional to
// the bytes scanned; that time is charged to the step budget (see
// chargeBytes), and the length of the last string measured is remembered, so
// that looking it up again in a loop costs one step.
//
// A code unit that is half of a surrogate pair (a character above U+FFFF,
// such as an emoji) is returned as U+FFFD: Handlebars.js returns the lone
// surrogate, which a Go string (UTF-8) cannot hold and which a JSON string
// should not carry.
//
// ok is false when the property is undefined: not an own member, index or
// length.
func (r *renderer) lookupProperty(v any, name string) (_ any, ok bool, _ error) {
	switch x := normalize(v).(type) {
	case *boxed:
		return r.lookupProperty(x.v, name)
	case nil, bool, *nullContextType:
		return nil, false, nil
	case *jsonvalue.Object:
		m, ok := x.Get(name)
		return normalize(m), ok, nil
	case map[string]any:
		m, ok := x[name]
		return m, ok, nil
	case []any:
		if name == "length" {
			return len(x), true, nil
		}
		if i, ok := arrayIndex(name); ok && i < len(x) {
			return x[i], true, nil
		}
		return nil, false, nil
	case string:
		if name == "length" {
			n, err := r.stringLength(x)
			return n, err == nil, err
		}
		if i, ok := arrayIndex(name); ok {
			u, err := r.stringUnit(x, i)
			return u, u != nil, err
		}
		return nil, false, nil
	}
	if _, ok := toFloat(v); ok {
		return nil, false, nil
	}
	return nil, false, errType{v}
}

// stringLength returns s.length, the number of UTF-16 code units of s.
func (r *renderer) stringLength(s string) (int, error) {
	key := lenKey{unsafe.StringData(s), len(s)}
	if r.lastLen.key == key {
		return r.lastLen.n, nil
	}
	if err := r.chargeBytes(len(s)); err != nil {
		return 0, err
	}
	n := 0
	for _, c := range s {
		if c >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	r.lastLen.key, r.lastLen.n = key, n
	return n, nil
}

// stringUnit returns s[i] as JavaScript indexes strings, by UTF-16 code unit,
// as a one-character string, or nil when s is shorter. Half of a surrogate
// pair is U+FFFD. Only the bytes before the unit are scanned.
func (r *renderer) stringUnit(s string, i int) (any, error) {
	n := 0 // code units before offset off
	for off, c := range s {
		w := 1
		if c >= 0x10000 {
			w = 2
		}
		if i < n+w {
			if err := r.chargeBytes(off); err != nil {
				return nil, err
			}
			if w == 2 {
				return "\uFFFD", nil
			}
			return string(c), nil
		}
		n += w
	}
	return nil, r.chargeBytes(len(s))
}

// arrayIndex parses a canonical array index: "0" or digits without a leading
// zero, below 2^32-1.
func arrayIndex(s string) (int, bool) {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n < math.MaxUint32
}

// objectKeys returns an object's keys in JavaScript's enumeration order:
// array-index keys in ascending numeric order, then the others in order.
func objectKeys(names []string) []string {
	var idx []string
	others := names
	for _, n := range names {
		if _, ok := arrayIndex(n); ok {
			idx = append(idx, n)
		}
	}
	if len(idx) == 0 {
		return names
	}
	others = make([]string, 0, len(names)-len(idx))
	for _, n := range names {
		if _, ok := arrayIndex(n); !ok {
			others = append(others, n)
		}
	}
	sort.Slice(idx, func(i, j int) bool {
		a, _ := arrayIndex(idx[i])
		b, _ := arrayIndex(idx[j])
		return a < b
	})
	return append(idx, others...)
}

// mapKeys returns a map's keys sorted, then ordered as objectKeys does.
func mapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return objectKeys(keys)
}

// appendString writes v as String(v): arrays joined by ",", objects as
// "[object Object]", null as "" (for template output, where Handlebars
// writes null and undefined as nothing).
func (r *renderer) appendString(b *strings.Builder, v any, depth int) error {
	switch x := normalize(v).(type) {
	case *boxed:
		return r.appendString(b, x.v, depth)
	case nil:
		return nil
	case string:
		if err := r.chargeBytes(len(x)); err != nil {
			return err
		}
		b.WriteString(x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case jsonvalue.Number:
		if err := r.chargeBytes(len(x)); err != nil {
			return err
		}
		b.WriteString(string(x))
	case *jsonvalue.Object, map[string]any, *nullContextType:
		b.WriteString("[object Object]")
	case []any:
		if depth >= r.t.limits.MaxDepth {
			return fmt.Errorf("%w: arrays nested deeper than %d", ErrTooDeep, r.t.limits.MaxDepth)
		}
		for i, e := range x {
			if err := r.step(); err != nil {
				return err
			}
			if i > 0 {
				b.WriteByte(',')
			}
			if err := r.appendString(b, e, depth+1); err != nil {
				return err
			}
			if b.Len() > r.t.limits.MaxOutputSize {
				return fmt.Errorf("%w: more than %d bytes", ErrOutputTooLarge, r.t.limits.MaxOutputSize)
			}
		}
	default:
		f, ok := toFloat(v)
		if !ok {
			return errType{v}
		}
		// Go integers are written exactly; floats as JavaScript would.
		if rv := reflect.ValueOf(v); rv.CanInt() {
			b.WriteString(strconv.FormatInt(rv.Int(), 10))
		} else if rv.CanUint() {
			b.WriteString(strconv.FormatUint(rv.Uint(), 10))
		} else {
			b.WriteString(jsNumberString(f))
		}
	}
	return nil
}
