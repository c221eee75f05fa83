package field

import (
	"errors"
	"regexp"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsregex"
	"github.com/segsync/segsync/spec"
)

// Matcher compiles a matcher field located at manifest pointer at: a regular
// expression written for JavaScript's RegExp (no flags), translated for Go's
// RE2 by jsregex. A JavaScript syntax error or a construct RE2 lacks is an
// invalid_matcher problem with an excerpt and the *jsregex.SyntaxError as its
// cause; the result is then nil.
func (ps *Problems) Matcher(src string, at jsonpath.Pointer) *regexp.Regexp {
	re, off, msg, cause := CompileMatcher(src)
	if msg != "" {
		pr := ps.Add(spec.SeverityError, at, spec.CodeInvalidMatcher, "%s", msg)
		pr.Excerpt = caret.Excerpt(src, off, "    ")
		pr.Err = cause
	}
	return re
}

// CompileMatcher compiles a matcher written for JavaScript's RegExp (no flags)
// into Go's RE2 through jsregex.Translate. For a JavaScript syntax error or a
// construct RE2 lacks it returns a nil Regexp, the byte offset of the problem in
// src, a message and the typed cause.
func CompileMatcher(src string) (*regexp.Regexp, int, string, error) {
	translated, err := jsregex.Translate(src)
	if err != nil {
		var se *jsregex.SyntaxError
		if errors.As(err, &se) {
			return nil, se.Offset, se.Msg, err
		}
		return nil, 0, err.Error(), err
	}
	re, err := regexp.Compile(translated)
	if err != nil { // Translate promises that this does not happen
		return nil, 0, "the matcher is not a valid regular expression: " + err.Error(), err
	}
	return re, 0, "", nil
}
