// Package featurestore compiles the parser of a manifest's
// featureStore.validationRequest into a [Program] that reads the store's answer
// to a validation request into a [Validation]: whether the store accepted the
// configuration, and its error messages (SEMANTICS §10, docs/SPEC.md "Feature
// store validation").
//
// [Compile] checks the parser's pointers (success, and optionally errors),
// reporting every problem as spec.Problems located by manifest pointer. The
// Program is immutable and safe for concurrent use; [Program.Parse] (given
// bytes) or [Program.ParseReader] (given a stream) reads a response in one
// strict pass within parser.Limits and returns a *parser.Error, the error
// object of the synced-segment parser, naming the first offending place.
package featurestore
