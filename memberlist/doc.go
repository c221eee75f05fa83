// Package memberlist compiles the parser of a manifest's
// approval.memberListRequest into a [Program] that reads the partner's member
// list into [Member] values, each with an email and a member ID (SEMANTICS §10,
// docs/SPEC.md "Member lists").
//
// [Compile] checks the parser's pointers (memberArrayPath, and memberItems'
// email and memberId, relative to each member), reporting every problem as
// spec.Problems located by manifest pointer. The Program is immutable and safe
// for concurrent use; [Program.Parse] (given bytes) or [Program.ParseReader]
// (given a stream) reads a response in one strict pass within parser.Limits
// (MaxMembers bounds the members) and returns a *parser.Error, the error object
// of the synced-segment parser, naming the first offending place.
package memberlist
