package jsonscan

// Kind is the JSON type of a captured value.
type Kind byte

// The kinds of JSON values. Their byte values are the first byte of the value's JSON
// text ('0' for every number), as in jsontext.
const (
	Null   Kind = 'n'
	False  Kind = 'f'
	True   Kind = 't'
	String Kind = '"'
	Number Kind = '0'
	Object Kind = '{'
	Array  Kind = '['
)

// String returns the kind's name: "null", "false", "true", "string", "number",
// "object" or "array".
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case False:
		return "false"
	case True:
		return "true"
	case String:
		return "string"
	case Number:
		return "number"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}
