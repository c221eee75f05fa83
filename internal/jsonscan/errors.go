package jsonscan

import "fmt"

// The scanner reports invalid input with the types of package jsonvalue, so that
// there is one set of them: *jsonvalue.SyntaxError (wrapping io.ErrUnexpectedEOF
// for input that ends too early) and *jsonvalue.DepthError (wrapping
// jsonvalue.ErrTooDeep).

// CompileError reports a set of paths that cannot be compiled into a [Query].
type CompileError struct {
	Slot int    // the slot of the offending path
	Msg  string // what is wrong
}

// Error names the offending path's slot.
func (e *CompileError) Error() string {
	return fmt.Sprintf("jsonscan: path for slot %d: %s", e.Slot, e.Msg)
}
