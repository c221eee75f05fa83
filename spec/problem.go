package spec

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a Problem stops a manifest from compiling.
type Severity int

const (
	// Error is a problem that stops the manifest from compiling.
	Error Severity = iota
	// Warning is reported but does not stop compilation.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Code is a stable, machine-readable name for a kind of Problem. Tests and tools
// should match codes, not message wording.
type Code string

// The problem codes.
const (
	CodeInvalidJSON     Code = "invalid_json"     // the manifest is not JSON
	CodeWrongType       Code = "wrong_type"       // a value of the wrong JSON type
	CodeUnknownProperty Code = "unknown_property" // a property name the schema does not allow
	CodeRequired        Code = "required"         // a required property is absent
	CodeInvalidPointer  Code = "invalid_pointer"  // a path that is not an RFC 6901 pointer
	CodeUnpaired        Code = "unpaired"         // addMemberArrayPath without removeMemberArrayPath or the reverse
	CodeConflict        Code = "conflict"         // properties that exclude each other
	CodeNoMode          Code = "no_mode"          // no add/remove mode results from the fields given
	CodeInvalidMatcher  Code = "invalid_matcher"  // a matcher that does not compile
	CodeInvalidTemplate Code = "invalid_template" // a jsonResponseBody that fails to parse or render JSON
	CodeTooComplex      Code = "too_complex"      // pointers past what the compiled scan supports
	CodeBracketToken    Code = "bracket_token"    // warning: a token like "batch[0]"
	CodeIgnoredField    Code = "ignored_field"    // warning: a field that has no effect
)

// Problem is one diagnostic about a manifest.
type Problem struct {
	// Pointer is the JSON pointer of the offending place in the manifest, for
	// example "/capabilities/syncedSegment/requestParser/addMemberArrayPath".
	Pointer string
	// Code names the kind of problem.
	Code Code
	// Severity is Error or Warning.
	Severity Severity
	// Message explains the problem to a partner engineer; its wording may change.
	Message string
	// Excerpt, when set, shows the offending text (a regular expression or a
	// template) with a caret under the spot, over several lines.
	Excerpt string
}

// Error formats the problem on one line as "pointer: message", with the excerpt
// on the lines after it.
func (p *Problem) Error() string {
	var b strings.Builder
	ptr := p.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	fmt.Fprintf(&b, "%s: ", ptr)
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	if p.Excerpt != "" {
		b.WriteString("\n")
		b.WriteString(p.Excerpt)
	}
	return b.String()
}

// Problems is a list of diagnostics. Functions return it as an error when it
// holds at least one problem of severity Error (see Err); its Error text lists
// every problem, warnings included. Use errors.As to get the list back.
type Problems []*Problem

// Error lists the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems { return ps.filter(Error) }

// Warnings returns the problems of severity Warning.
func (ps Problems) Warnings() Problems { return ps.filter(Warning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the problems as an error when any has severity Error, else nil.
func (ps Problems) Err() error {
	if len(ps.Errors()) == 0 {
		return nil
	}
	return ps
}

// Sort orders the problems by pointer, then errors before warnings, then code;
// problems at one place keep their relative order.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		return cmp.Or(strings.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Severity, b.Severity), strings.Compare(string(a.Code), string(b.Code)))
	})
}

// Excerpt renders text with a caret under byte offset off, for Problem.Excerpt:
// the line that holds off, and a caret line under it. Tabs are kept so that the
// caret lines up in a terminal.
func Excerpt(text string, off int) string {
	off = min(max(off, 0), len(text))
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		end = off + i
	}
	line := text[start:end]
	var pad strings.Builder
	for _, r := range text[start:off] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return "    " + line + "\n    " + pad.String() + "^"
}
