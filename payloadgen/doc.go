// Package payloadgen generates partner payloads from a compiled synced-segment
// spec: valid ones, whose parse result it knows in advance, and near misses one
// mutation away from valid (types swapped, values missing or null, falsy values,
// empty strings, big numbers, escapes and surrogates, repeated names, deep
// nesting, long strings, invalid UTF-8, text that is not JSON). It also writes
// the JSON Schema (draft 2020-12) of the payloads a spec accepts.
//
// It is for testing: the segsync command's example, schema and fuzz commands
// are built on it, and Go tests (the project's fuzz targets among them) may
// seed from it. A Generator is deterministic: the same shape and seed give the
// same payloads.
//
// The generator reads the spec's pointers and writes each value where its
// pointer leads, creating objects on the way and arrays for member arrays.
// Pointers that share places (a top-level cohortIdPath of /batch/0/cohortId
// reads the first member) share values; a spec whose pointers need two
// different values at one place has no valid payload, and the generator says so
// (ErrUnsatisfiable) instead of guessing.
package payloadgen
