// Package jsonscan is segsync's fast path for reading payloads: a strict, single-pass
// JSON scanner driven by a compiled set of JSON pointers.
//
// A [Query] is compiled once from a set of [Path] values (pointer tokens already split
// and unescaped, each ending in a caller-chosen slot). Scanning a document with the
// query validates all of it as strictly as a conforming RFC 8259 parser in UTF-8 would
// (the verdict matches encoding/json/jsontext with duplicate names allowed), and
// reports to a [Handler] only the values the query names: their kind and their text
// (strings unescaped, numbers as written), optionally their raw JSON text. A path
// marked Each iterates an array and evaluates relative paths against every element,
// telling the handler where each element begins and ends.
//
// Everything that no path names is validated and skipped without allocating, first
// over the bytes already buffered with the position held in locals; anything that
// path cannot settle (the end of the buffer, an error, the depth limit) is scanned
// again by the careful path, which reads on and words the error. The scanner never
// recurses, so nesting is bounded by a configurable limit rather than
// by the stack, and [Query.ScanReader] reads through a fixed-size buffer that only
// grows to hold a single captured value.
//
// The fast paths are pure Go by default. Built with GOEXPERIMENT=simd on amd64
// (the build tags goexperiment.simd and amd64), they use AVX2 through
// simd/archsimd when the CPU has it, checked once at start-up
// (archsimd.X86.AVX2()), and the pure-Go ones otherwise: the strings of the
// skipped regions are found by bit scans of a mask of quotes, backslashes,
// control and non-ASCII bytes computed for 64 bytes at a time, and the values
// and members are skipped in one loop. Each way out of the AVX2 code clears
// the vector registers' upper halves (VZEROUPPER), which the compiler does not
// do: Intel processors run the SSE instructions of the Go code around it slower
// while they are dirty. Both give the same answers for every input
// (FuzzSIMDVsGo, in the simd build, compares them), so the choice changes only
// the speed.
//
// The package is not a general JSON decoder: it builds no tree and cannot answer
// questions the query did not ask. Use package jsonvalue for that, and for the simple
// reference evaluation that this package is tested against.
package jsonscan
