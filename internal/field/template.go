package field

import (
	"errors"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// Template parses a template field located at manifest pointer at as
// Handlebars with the framework's helpers (handlebars.WithFrameworkHelpers).
// what names the template in the message ("urlTemplate", "the flag template
// templates/flag.json.hbs"). A template that does not parse is an
// invalid_template problem with an excerpt and the *handlebars.ParseError as its
// cause; the result is then nil.
func (ps *Problems) Template(src string, at jsonpath.Pointer, what string) *handlebars.Template {
	t, err := handlebars.Parse(src, handlebars.WithFrameworkHelpers())
	if err == nil {
		return t
	}
	msg, off := err.Error(), 0
	var pe *handlebars.ParseError
	if errors.As(err, &pe) {
		msg, off = pe.Msg, pe.Offset
	}
	pr := ps.Add(spec.SeverityError, at, spec.CodeInvalidTemplate, "%s is not a valid template: %s", what, msg)
	pr.Excerpt = caret.Excerpt(src, off, "    ")
	pr.Err = err
	return nil
}
