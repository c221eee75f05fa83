// Package jsonpath implements RFC 6901 JSON Pointers, the only way segsync names a
// place in a manifest or a payload.
//
// A [Pointer] is parsed and validated once ([Parse]), keeps its reference tokens
// unescaped, prints back to its canonical text ([Pointer.String]) and evaluates
// against a value decoded by package jsonvalue ([Pointer.Eval]). Escaping of "~"
// and "/" lives here and nowhere else.
//
// The package is not a JSONPath query language: there are no wildcards, filters or
// slices. Array tokens follow RFC 6901 strictly: "0" or a digit string without
// leading zeros, inside the array; "-" and anything else never match an element.
package jsonpath
