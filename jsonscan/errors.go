package jsonscan

import "fmt"

// SyntaxError reports input that is not one valid JSON document in UTF-8: a grammar
// violation, invalid UTF-8, a bad escape, or data after the value. The text of Msg
// may change between versions; test the type, not the wording.
type SyntaxError struct {
	Offset int64  // byte offset of the offending byte in the input
	Msg    string // a short reason
}

// Error formats the error with its byte offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jsonscan: invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// DepthError reports a document nested deeper than the query allows (see
// [WithMaxDepth]).
type DepthError struct {
	Offset   int64 // byte offset of the opening bracket or brace that went too deep
	MaxDepth int   // the limit that was passed
}

// Error formats the error with the limit and the byte offset.
func (e *DepthError) Error() string {
	return fmt.Sprintf("jsonscan: JSON nested deeper than %d levels at byte %d", e.MaxDepth, e.Offset)
}

// LimitError reports a value the scanner had to hold that is longer than the query
// allows (see [WithMaxValueLen]): a captured value, or a member name of an object on
// a query path.
type LimitError struct {
	Offset int64 // byte offset where the value starts
	Limit  int   // the limit, in bytes of JSON text
}

// Error formats the error with the byte offset and the limit.
func (e *LimitError) Error() string {
	return fmt.Sprintf("jsonscan: value at byte %d is longer than %d bytes", e.Offset, e.Limit)
}

// CompileError reports a set of paths that cannot be compiled into a [Query].
type CompileError struct {
	Slot int    // the slot of the offending path
	Msg  string // what is wrong
}

// Error names the offending path's slot.
func (e *CompileError) Error() string {
	return fmt.Sprintf("jsonscan: path for slot %d: %s", e.Slot, e.Msg)
}
