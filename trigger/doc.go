// Package trigger compiles a manifest's trigger capability into a [Program]
// that reads a partner's inbound webhook body into an [Event]: the event name,
// an optional metric value and alert URL, and whether the event is the
// partner's test event (SEMANTICS §10, docs/SPEC.md "Triggers").
//
// [Compile] checks the capability's parser pointers and its testEventNameRegexp
// (a JavaScript regular expression, run on RE2 in linear time), reporting every
// problem as spec.Problems located by manifest pointer. The Program is
// immutable and safe for concurrent use; [Program.Parse] (given bytes) or
// [Program.ParseReader] (given a stream) reads a body in one strict pass within
// parser.Limits and returns a *parser.Error, the error object of the
// synced-segment parser, for a body that breaks a rule.
package trigger
