// Package jsonpath implements RFC 6901 JSON Pointers, the only way segsync names a
// place in a manifest or a payload.
//
// A [Pointer] is its canonical text, a comparable string type: parsed and
// validated once ([Parse]), built from unescaped tokens ([New], [Pointer.Append]),
// split back into them ([Pointer.Tokens]) and evaluated against a value decoded by
// package jsonvalue ([Pointer.Eval]). Escaping of "~" and "/" lives here and
// nowhere else.
//
// The package is not a JSONPath query language: there are no wildcards, filters or
// slices. Array tokens follow RFC 6901 strictly: "0" or a digit string without
// leading zeros, inside the array; "-" and anything else never match an element.
package jsonpath
