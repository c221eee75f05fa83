package handlebars

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// maxTime is the largest magnitude of a JavaScript Date, in milliseconds.
const maxTime = 8.64e15

// errInvalidTime reports a formatWithOffset time that is not a number or lies
// beyond JavaScript's dates, for a format that needs a date.
var errInvalidTime = errors.New("invalid time value: the time is not a number or lies beyond ±8.64e15 ms")

// formatWithOffset is the framework's formatWithOffset helper: new Date(ms +
// 1000*offset), written as the format says (see FrameworkHelpers).
func formatWithOffset(r *renderer, params []any, defined []bool) (any, error) {
	ms := normalize(unbox(params[0])) // + takes the primitive of a boxed value
	switch ms.(type) {
	case string:
		return nil, errors.New("milliseconds must be a number, not a string")
	case []any:
		return nil, errors.New("milliseconds must be a number, not an array")
	case nil, bool:
	default:
		if _, ok := toFloat(ms); !ok {
			if err := checkType(ms); err != nil {
				return nil, err
			}
			return nil, errors.New("milliseconds must be a number, not an object")
		}
	}
	base, err := r.jsNumber(ms, defined[0])
	if err != nil {
		return nil, err
	}
	offset, err := r.jsNumber(params[1], defined[1])
	if err != nil {
		return nil, err
	}
	t := timeClip(base + 1000*offset)
	format, _ := normalize(params[2]).(string)
	switch format {
	case "seconds":
		return jsRound(t / 1000), nil
	case "rfc3339":
		if math.IsNaN(t) {
			return nil, errInvalidTime
		}
		return isoString(int64(t)), nil
	case "simple":
		if math.IsNaN(t) {
			return nil, errInvalidTime
		}
		return simpleString(int64(t)), nil
	}
	return t, nil
}

// timeClip is ECMAScript's TimeClip: NaN beyond ±maxTime or when not finite,
// else the value truncated to an integer (and -0 as 0).
func timeClip(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) > maxTime {
		return math.NaN()
	}
	return math.Trunc(x) + 0
}

// jsRound is Math.round: the nearest integer, halves rounded up.
func jsRound(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
	return f
}

// isoString is Date.prototype.toISOString of ms milliseconds after the epoch:
// YYYY-MM-DDTHH:mm:ss.sssZ, with the year as ±YYYYYY outside 0 to 9999.
func isoString(ms int64) string {
	t := time.UnixMilli(ms).UTC()
	y := t.Year()
	year := fmt.Sprintf("%04d", y)
	if y < 0 || y > 9999 {
		sign := "+"
		if y < 0 {
			sign, y = "-", -y
		}
		year = fmt.Sprintf("%s%06d", sign, y)
	}
	return fmt.Sprintf("%s-%02d-%02dT%02d:%02d:%02d.%03dZ", year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1e6)
}

// simpleString formats ms milliseconds after the epoch, in UTC, as the
// dateformat package's mask "yyyy-mm-dd h:MM:ss": the year padded with zeros
// to four characters (so year -5 is "00-5"), the hour from 1 to 12.
func simpleString(ms int64) string {
	t := time.UnixMilli(ms).UTC()
	year := strconv.Itoa(t.Year())
	if len(year) < 4 {
		year = strings.Repeat("0", 4-len(year)) + year
	}
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%s-%02d-%02d %d:%02d:%02d", year, t.Month(), t.Day(), h, t.Minute(), t.Second())
}
