package jsonpath

import "github.com/segsync/segsync/jsonvalue"

// Eval returns the value that p names inside v, a value decoded by package
// jsonvalue, and whether it was found. On an object a token is a member name
// (exact, case-sensitive); on an array it is an index as ArrayIndex defines; on a
// scalar nothing is found. A JSON null that is found is returned as (nil, true).
func (p Pointer) Eval(v any) (any, bool) {
	for _, tok := range p.Tokens() {
		switch c := v.(type) {
		case *jsonvalue.Object:
			next, ok := c.Get(tok)
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, ok := ArrayIndex(tok, len(c))
			if !ok {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}
