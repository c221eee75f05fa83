package parser

import (
	"errors"
	"regexp"

	"github.com/segsync/segsync/jsregex"
)

// compileMatcher compiles an arrayInclusion matcher written for JavaScript's
// RegExp (no flags) into Go's RE2 through jsregex.Translate. It returns the
// byte offset, a message and the typed cause for a JavaScript syntax error or
// a construct RE2 lacks.
func compileMatcher(src string) (*regexp.Regexp, int, string, error) {
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
