package jsonpath

import "fmt"

// SyntaxError reports text that is not a valid JSON Pointer.
type SyntaxError struct {
	Pointer string // the text that was parsed
	Offset  int    // byte offset of the problem in Pointer
	Msg     string // what is wrong; the wording may change
}

// Error formats the error with the pointer text and the offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON pointer %q at offset %d: %s", e.Pointer, e.Offset, e.Msg)
}
