package handlebars

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/segsync/segsync/jsonvalue"
)

// The data model, with JavaScript's semantics: values are nil, bool, string,
// jsonvalue.Number, []any, *jsonvalue.Object, map[string]any, Go integers and
// floats. Anything else is an ErrDataType when a template touches it.

// nullContextType stands for Handlebars.js's container.nullContext: the empty
// object a helper receives as "this" when the context is null.
type nullContextType struct{}

var nullContext = &nullContextType{}

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
	case nil, bool, string, jsonvalue.Number, []any, *jsonvalue.Object, map[string]any, *nullContextType:
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
	case *jsonvalue.Object, map[string]any, *nullContextType:
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
// own members of objects; index and length of arrays; length of strings.
func lookupProperty(v any, name string) (any, error) {
	switch x := normalize(v).(type) {
	case nil, bool, *nullContextType:
		return nil, nil
	case *jsonvalue.Object:
		r, _ := x.Get(name)
		return normalize(r), nil
	case map[string]any:
		return x[name], nil
	case []any:
		if name == "length" {
			return len(x), nil
		}
		if i, ok := arrayIndex(name); ok && i < len(x) {
			return x[i], nil
		}
		return nil, nil
	case string:
		if name == "length" {
			return utf16Len(x), nil
		}
		if i, ok := arrayIndex(name); ok {
			u := utf16.Encode([]rune(x))
			if i < len(u) {
				return string(utf16.Decode(u[i : i+1])), nil
			}
		}
		return nil, nil
	}
	if _, ok := toFloat(v); ok {
		return nil, nil
	}
	return nil, errType{v}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
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
	case nil:
		return nil
	case string:
		b.WriteString(x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case jsonvalue.Number:
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

// jsNumberString formats f as JavaScript's Number.prototype.toString does.
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest round-trip digits and exponent: d.ddde±x.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	m := digits[:1]
	if k > 1 {
		m += "." + digits[1:]
	}
	return sign + m + "e" + es + strconv.Itoa(abs(n-1))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// jsToNumber converts a string as JavaScript's Number(s) does.
func jsToNumber(s string) float64 {
	s = strings.TrimFunc(s, func(r rune) bool { return isJSSpace(r) || r == '\u2028' || r == '\u2029' })
	if s == "" {
		return 0
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			u, err := strconv.ParseUint(s[2:], base, 64)
			if err != nil && !isRangeErr(err) {
				return math.NaN()
			}
			if err != nil {
				return math.Inf(1)
			}
			return float64(u)
		}
	}
	if !isDecimalLiteral(s) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeErr(err) {
		return math.NaN()
	}
	return f
}

// isDecimalLiteral matches [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?.
func isDecimalLiteral(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	nInt := i - intStart
	nFrac := 0
	if i < len(s) && s[i] == '.' {
		i++
		f := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		nFrac = i - f
	}
	if nInt == 0 && nFrac == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == e {
			return false
		}
	}
	return i == len(s)
}
