package field

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/internal/suggest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// MaxPointerTokens is the most reference tokens a pointer of a declarative
// parser may have. Real manifests use a handful; the limit keeps the compiled
// scan small.
const MaxPointerTokens = 256

// bracketToken matches a token that writes an array index JavaScript's way,
// "batch[0]" or "[0]".
var bracketToken = regexp.MustCompile(`^([^\[\]]*)\[(0|[1-9][0-9]*)\]$`)

// Pointer compiles the text of a pointer field located at manifest pointer at.
// It reports a text that is not an RFC 6901 pointer (invalid_pointer, with a
// suggestion when the text is a path in another notation), a pointer longer
// than MaxPointerTokens (too_complex), and warns about a token that looks like
// an array index in brackets (bracket_token). ok is false when the pointer
// cannot be used.
func (ps *Problems) Pointer(text string, at jsonpath.Pointer) (ptr jsonpath.Pointer, ok bool) {
	ptr, err := jsonpath.Parse(text)
	if err != nil {
		msg := err.Error()
		off := 0
		var se *jsonpath.SyntaxError
		if errors.As(err, &se) {
			msg, off = se.Msg, se.Offset
		}
		msg = fmt.Sprintf("%q is not a JSON pointer: %s", text, msg)
		if s, ok := suggest.Pointer(text); ok {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		pr := ps.Add(spec.SeverityError, at, spec.CodeInvalidPointer, "%s", msg)
		pr.Excerpt = caret.Excerpt(text, off, "    ")
		pr.Err = err
		return jsonpath.Root, false
	}
	if n := len(ptr.Tokens()); n > MaxPointerTokens {
		ps.Add(spec.SeverityError, at, spec.CodeTooComplex, "the pointer has %d tokens; at most %d are supported", n, MaxPointerTokens)
		return jsonpath.Root, false
	}
	if bad, fixed := bracketTokens(ptr); bad != "" {
		ps.Add(spec.SeverityWarning, at, spec.CodeBracketToken, "the token %q looks like an array index in brackets; JSON pointers write the path as %q", bad, fixed)
	}
	return ptr, true
}

// bracketTokens returns the first token of ptr that looks like an array index in
// brackets, and the pointer with every such token written the JSON pointer way
// ("/batch[0]/id" as "/batch/0/id"); or "" when there is none.
func bracketTokens(ptr jsonpath.Pointer) (string, string) {
	var bad string
	var toks []string
	for _, tok := range ptr.Tokens() {
		m := bracketToken.FindStringSubmatch(tok)
		if m == nil {
			toks = append(toks, tok)
			continue
		}
		if bad == "" {
			bad = tok
		}
		if m[1] != "" {
			toks = append(toks, m[1])
		}
		toks = append(toks, m[2])
	}
	if bad == "" {
		return "", ""
	}
	return bad, jsonpath.New(toks...).String()
}
