// Package fuzz holds segsync's native Go fuzz targets and the property tests that
// share their machinery. It has no API: everything lives in its test files.
//
// The targets check every layer against properties rather than fixed answers:
// manifests load and compile without panicking and report spec.Problems with
// valid manifest pointers; pointers survive parse → format → parse; a payload gives
// the same result every time and errors are well-formed *parser.Error values; and,
// most importantly, the compiled engine (parser.Program.Parse and ParseReader)
// agrees, result for result and error for error, with a deliberately simple
// reference evaluator written here from SEMANTICS.md sections 4 and 5,
// independently of package parser's internals.
//
// Run one target with
//
//	go test -run='^$' -fuzz='^FuzzDifferential$' -fuzztime=2000000x ./fuzz/
//
// and every target of the module briefly with fuzz/smoke.sh. A count rather than a
// duration avoids a spurious "context deadline exceeded" failure of Go 1.26's fuzzing
// coordinator at the end of a timed run (go.dev/issue/75804). Crashers are committed under
// testdata/fuzz/FuzzX/ and then run as ordinary tests.
package fuzz
