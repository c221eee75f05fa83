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
	// SeverityError is a problem that stops the manifest from compiling.
	SeverityError Severity = iota
	// SeverityWarning is reported but does not stop compilation.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
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
	// warning: an arrayInclusion matcher that matches every value
	CodeMatcherMatchesAll Code = "matcher_matches_all"
	// warning: an arrayInclusion matcher that matches remove-like values
	CodeMatcherMatchesRemove Code = "matcher_matches_remove"
	// warning: an arrayInclusion path inside the member array
	CodeActionInMemberArray Code = "action_in_member_array"
	// warning: a member path that starts with the member array's path
	CodeMemberPathAbsolute Code = "member_path_absolute"
	// warning: two fields that read one place where that cannot be meant
	CodeSamePointer Code = "same_pointer"
	// warning: a template name its context does not have
	CodeUnknownTemplateName Code = "unknown_template_name"
	// warning: an approval matcher that also matches the negation of a word it
	// matches ("approved" in "unapproved")
	CodeMatcherMatchesOpposite Code = "matcher_matches_opposite"
	// warning: an approvalMatcher and a rejectionMatcher that both match one
	// status value
	CodeMatchersOverlap Code = "matchers_overlap"
	// a template file that an auditLogEventsHook template names and that
	// cannot be read
	CodeTemplateFile Code = "template_file"
)

// Problem is one diagnostic about a manifest.
type Problem struct {
	// Pointer is the JSON pointer of the offending place in the manifest, for
	// example "/capabilities/syncedSegment/requestParser/addMemberArrayPath".
	Pointer string
	// Code names the kind of problem.
	Code Code
	// Severity is SeverityError or SeverityWarning.
	Severity Severity
	// Message explains the problem to a partner engineer; its wording may change.
	Message string
	// Excerpt, when set, shows the offending text (a pointer, a regular
	// expression or a template) with a caret under the spot, over two lines
	// indented by four spaces. Long lines are cut to a window around the spot
	// and control characters escaped, so it is safe to print.
	Excerpt string
	// Err, when set, is the typed cause: the decoding error of a manifest that
	// is not JSON (a *jsonvalue.SyntaxError, for one), or for a field that
	// does not compile a *jsonpath.SyntaxError, a *jsregex.SyntaxError, or a
	// *handlebars.ParseError or *handlebars.RenderError (wrapping sentinels
	// such as handlebars.ErrUnsupported). Use errors.Is and errors.As on the
	// Problem, or on the Problems holding it.
	Err error
}

// Unwrap returns the typed cause, Err.
func (p *Problem) Unwrap() error { return p.Err }

// Error formats the problem on one line as "pointer: message", with the excerpt
// on the lines after it.
func (p *Problem) Error() string {
	var b strings.Builder
	ptr := p.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	fmt.Fprintf(&b, "%s: ", ptr)
	if p.Severity == SeverityWarning {
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
// holds at least one problem of severity SeverityError (see Err); its Error text lists
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

// Unwrap returns the problems, so that errors.Is and errors.As look into each
// one and its cause.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Errors returns the problems of severity SeverityError.
func (ps Problems) Errors() Problems { return ps.filter(SeverityError) }

// Warnings returns the problems of severity SeverityWarning.
func (ps Problems) Warnings() Problems { return ps.filter(SeverityWarning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the problems as an error when any has severity SeverityError,
// else nil.
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
