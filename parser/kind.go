package parser

// kind is the JSON type of an extracted value, or its absence.
type kind uint8

const (
	kindAbsent kind = iota
	kindNull
	kindTrue
	kindFalse
	kindString
	kindNumber
	kindObject
	kindArray
)

func (k kind) String() string {
	return [...]string{"absent", "null", "true", "false", "a string", "a number", "an object", "an array"}[k]
}
