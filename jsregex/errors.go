package jsregex

import "strconv"

// SyntaxError reports a pattern that [Translate] cannot turn into RE2: either
// JavaScript itself rejects it (new RegExp throws a SyntaxError), or it uses a
// construct RE2 cannot express (lookaround, a backreference, a repeat count
// past 1000, nesting or size past RE2's limits). The message text may change;
// the offset points at the offending construct.
type SyntaxError struct {
	Offset int    // byte offset into the source pattern
	Msg    string // what is wrong, as one sentence for the manifest's author
}

// Error returns the message and the byte offset.
func (e *SyntaxError) Error() string {
	return "jsregex: " + e.Msg + " (at byte " + strconv.Itoa(e.Offset) + ")"
}

// jsInvalid prefixes the messages for patterns that JavaScript rejects.
const jsInvalid = "invalid JavaScript regular expression: "

// The messages for constructs RE2 lacks, worded as parser.Compile has always
// reported them.
const (
	msgBackref      = " are not supported: matchers run on RE2, which has no backreferences"
	msgNamedBackref = `named backreferences (\k<name>) are not supported: matchers run on RE2, which has no backreferences`
	msgLookaround   = " is not supported: matchers run on RE2, which has no lookaround"
	msgAssertionRep = `nothing to repeat: an assertion (^, $, \b, \B) cannot take a quantifier`
	msgNothingToRep = "nothing to repeat: a quantifier (*, +, ?, {n}) must follow a character, a class or a group"
)
