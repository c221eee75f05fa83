package payloadgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// text is a text value of a payload: its JSON text and the text a reader makes
// of it (SEMANTICS §4: a string unescaped, a number as written).
type text struct {
	raw  string
	want string
}

func str(s string) text {
	b, _ := json.Marshal(s)
	return text{string(b), s}
}

func num(lit string) text { return text{lit, lit} }

// leaf returns the value as a leaf of a payload.
func (t text) leaf() *node { return leaf(t.raw) }

// hexWord returns n random lower-case hex digits.
func hexWord(r *rand.Rand, n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[r.IntN(len(digits))]
	}
	return string(b)
}

// plainIDs returns n distinct readable member IDs.
func plainIDs(r *rand.Rand, n int) []text {
	seen := map[string]bool{}
	out := make([]text, 0, n)
	for len(out) < n {
		id := "user-" + hexWord(r, 6)
		if !seen[id] {
			seen[id] = true
			out = append(out, str(id))
		}
	}
	return out
}

// variedID returns the i-th member ID of a varied valid payload: a string, a
// number (0 and integers past float64's precision included), or a string with
// escapes, always distinct for distinct i.
func variedID(r *rand.Rand, i int) text {
	switch r.IntN(8) {
	case 0:
		if i == 0 {
			return num("0")
		}
		return num(strconv.Itoa(i))
	case 1:
		return num(fmt.Sprintf("123456789012345678%03d", i))
	case 2:
		// Escapes: a quote, a backslash, a tab, é, and an astral character
		// written as a surrogate pair.
		return text{fmt.Sprintf(`"u\"\\\t\u00e9\ud83d\ude00-%d"`, i), fmt.Sprintf("u\"\\\té😀-%d", i)}
	case 3:
		return str(fmt.Sprintf("ユーザー-%d", i))
	case 4:
		return str(fmt.Sprintf("user-%d@example.com", i))
	}
	return str(fmt.Sprintf("user-%d-%s", i, hexWord(r, 4)))
}

// variedText returns a non-empty text value for a top-level field, a string or
// sometimes a number.
func variedText(r *rand.Rand, prefix string) text {
	switch r.IntN(6) {
	case 0:
		return num(strconv.Itoa(r.IntN(100000)))
	case 1:
		return num("98765432109876543210")
	case 2:
		return text{`"` + prefix + `\/\u0041"`, prefix + "/A"}
	}
	return str(prefix + "-" + hexWord(r, 6))
}

// extraValue returns a random JSON value for a key the spec does not read.
func extraValue(r *rand.Rand, depth int) *node {
	switch k := r.IntN(7); {
	case k == 0 && depth < 4:
		o := object()
		for i := range r.IntN(3) {
			o.put(fmt.Sprintf("k%d", i), extraValue(r, depth+1))
		}
		return o
	case k == 1 && depth < 4:
		a := array()
		for range r.IntN(3) {
			a.elems = append(a.elems, extraValue(r, depth+1))
		}
		return a
	case k == 2:
		return leaf("null")
	case k == 3:
		return leaf([]string{"true", "false"}[r.IntN(2)])
	case k == 4:
		return leaf(strconv.Itoa(r.IntN(1000) - 500))
	}
	return stringLeaf("extra-" + hexWord(r, 3))
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
