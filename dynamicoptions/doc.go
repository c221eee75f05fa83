// Package dynamicoptions compiles the dynamicOptions parser of a form variable
// (a dynamicEnum's options request) into a [Program] that reads the partner's
// options response into [Option] values, each with a label and a value
// (SEMANTICS §10, docs/SPEC.md "Dynamic options").
//
// A form variable is addressed by its manifest pointer: /formVariables/N for
// the manifest's top-level form variables, or
// /capabilities/approval/environmentFormVariables/N,
// /capabilities/approval/approvalFormVariables/N and
// /capabilities/featureStore/formVariables/N for a capability's.
//
// [Compile] checks the parser's pointers (optionsPath, and optionsItems' label
// and value, relative to each option), reporting every problem as spec.Problems
// located by manifest pointer. The Program is immutable and safe for concurrent
// use; [Program.Parse] (given bytes) or [Program.ParseReader] (given a stream)
// reads a response in one strict pass within parser.Limits (MaxMembers bounds
// the options) and returns a *parser.Error, the error object of the
// synced-segment parser, naming the first offending place.
package dynamicoptions
