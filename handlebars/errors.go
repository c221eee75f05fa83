package handlebars

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/segsync/segsync/internal/caret"
)

// Sentinel errors wrapped by [*ParseError] and [*RenderError], for use with
// [errors.Is]. The message text of the enclosing error may change; these may not.
var (
	// ErrSyntax reports malformed template text.
	ErrSyntax = errors.New("handlebars: syntax error")
	// ErrUnsupported reports a Handlebars construct that this package rejects,
	// such as a partial or a decorator.
	ErrUnsupported = errors.New("handlebars: unsupported construct")
	// ErrUnknownHelper reports a helper that is neither built in nor registered.
	ErrUnknownHelper = errors.New("handlebars: unknown helper")
	// ErrArity reports a helper called with the wrong number of parameters.
	ErrArity = errors.New("handlebars: wrong number of helper parameters")
	// ErrTemplateTooLarge reports a template longer than Limits.MaxTemplateSize.
	ErrTemplateTooLarge = errors.New("handlebars: template too large")
	// ErrTooDeep reports blocks nested deeper than Limits.MaxDepth, or data
	// nested deeper than that while rendering an array.
	ErrTooDeep = errors.New("handlebars: nesting too deep")
	// ErrOutputTooLarge reports output longer than Limits.MaxOutputSize.
	ErrOutputTooLarge = errors.New("handlebars: output too large")
	// ErrStepBudget reports a render that took more than Limits.MaxSteps steps.
	ErrStepBudget = errors.New("handlebars: render step budget exceeded")
	// ErrDataType reports a data value whose Go type is not part of the data
	// model (see [Template.Render]).
	ErrDataType = errors.New("handlebars: unsupported data type")
	// ErrHelper wraps an error returned by a registered helper.
	ErrHelper = errors.New("handlebars: helper failed")
)

// A ParseError reports a template that [Parse] rejects, with its place. Line and
// Column are 1-based; Column counts characters (runes), Offset counts bytes.
type ParseError struct {
	Offset int
	Line   int
	Column int
	Msg    string
	// Err is the sentinel error classifying the problem (ErrSyntax,
	// ErrUnsupported, …).
	Err error

	src string
}

// Error returns a one-line description: "handlebars: line L, column C: msg".
func (e *ParseError) Error() string {
	return fmt.Sprintf("handlebars: line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Unwrap returns the sentinel error classifying the problem.
func (e *ParseError) Unwrap() error { return e.Err }

// Snippet returns the template line holding the error and, below it, a caret
// under the offending column. A line longer than 120 columns is cut to a
// window around the caret, marked with "…", and control characters are
// escaped (\x1b), so a Snippet is short and safe to print whatever the
// template holds. It is empty when the template text is unknown.
func (e *ParseError) Snippet() string { return snippet(e.src, e.Offset) }

// A RenderError reports a failure while rendering, with the place of the
// template node that failed. Line and Column are 1-based; Column counts
// characters (runes), Offset counts bytes.
type RenderError struct {
	Offset int
	Line   int
	Column int
	Msg    string
	// Err is the sentinel error classifying the problem, or wraps a helper's error.
	Err error

	src string
}

// Error returns a one-line description: "handlebars: render: line L, column C: msg".
func (e *RenderError) Error() string {
	return fmt.Sprintf("handlebars: render: line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Unwrap returns the wrapped errors: the sentinel and, for a helper failure,
// the helper's own error.
func (e *RenderError) Unwrap() error { return e.Err }

// Snippet returns the template line holding the failing node and, below it, a
// caret under its column, bounded and escaped as [ParseError.Snippet] is.
func (e *RenderError) Snippet() string { return snippet(e.src, e.Offset) }

// position converts a byte offset into a 1-based line and rune column.
func position(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCountInString(before[start:]) + 1
	return line, col
}

// snippet renders the line of src holding off with a caret under it (see
// package caret: long lines are cut around the caret, control characters
// escaped); it is empty when src is unknown.
func snippet(src string, off int) string {
	if src == "" {
		return ""
	}
	return caret.Excerpt(src, off, "")
}

func newParseError(src string, off int, sentinel error, format string, args ...any) *ParseError {
	line, col := position(src, off)
	return &ParseError{Offset: off, Line: line, Column: col, Msg: fmt.Sprintf(format, args...), Err: sentinel, src: src}
}
