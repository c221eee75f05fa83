// Package approval compiles the parsers of a manifest's approval capability
// (creationRequest, statusRequest, postApplyRequest, deletionRequest) into
// Programs that read the partner's response to an approval request into a
// [Result]: the approval's ID, its status value and display text, the status
// the matchers decide (approved, rejected or pending), and the rendered
// urlTemplate (SEMANTICS §10, docs/SPEC.md "Approvals").
//
// [Compile] checks the parser's pointers, its two matchers (JavaScript regular
// expressions, run on RE2 in linear time) and its urlTemplate (Handlebars with
// the framework's helpers), reporting every problem as spec.Problems located by
// manifest pointer, and warns about matchers that cannot be meant: an
// unanchored matcher that also matches the negation of a word it matches
// ("approved" in "unapproved"), and matchers that both match one value. The
// member list request has its own package, memberlist.
//
// A Program is immutable and safe for concurrent use; [Program.Parse] (given
// bytes) or [Program.ParseReader] (given a stream) reads a response in one
// strict pass within parser.Limits and returns a *parser.Error, the error
// object of the synced-segment parser, for one that breaks a rule.
package approval
