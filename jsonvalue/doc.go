// Package jsonvalue is segsync's model of a decoded JSON document and its strict
// decoder.
//
// A value is one of: nil (JSON null), bool, string, [Number], []any (an array) or
// *[Object]. Numbers keep their literal text, so that an ID such as
// 12345678901234567890 or 1.0 survives unchanged; objects keep their member order,
// and a repeated member name keeps its first position and its last value, as
// JavaScript's JSON.parse does.
//
// The decoder is strict (RFC 8259, UTF-8 only, bounded nesting). It is the simple,
// obviously correct path that reference evaluators and templates use; it is not the
// fast path that compiled programs take over large payloads.
package jsonvalue
