package featurestore

import (
	"io"

	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Validation is what a store's validation answer says.
type Validation struct {
	// Success is the boolean at success.
	Success bool `json:"success"`
	// Errors are the messages at errors: one for a string, each element's for
	// an array; empty (never nil) when the parser has no errors pointer or the
	// answer has nothing (or null) there.
	Errors []string `json:"errors"`
}

// Program is a compiled validation parser. A Program is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	reader   *extract.Reader
	warnings spec.Problems
}

// The top-level fields: success, and errors read whole (for a string).
const (
	slotSuccess = iota
	slotErrors
)

// At returns the manifest pointer of the validation request,
// /capabilities/featureStore/validationRequest.
func At() jsonpath.Pointer { return jsonpath.New("capabilities", "featureStore", "validationRequest") }

// Compile checks the manifest's featureStore.validationRequest and prepares a
// Program. When any rule is broken it returns a nil Program and spec.Problems
// listing every problem, sorted by pointer.
func Compile(m *spec.Manifest, opts ...parser.Option) (*Program, error) {
	at := At()
	ps, limits, err := extract.Start(m, at, opts)
	if err != nil {
		return nil, err
	}
	var vr *spec.ValidationRequest
	if fs := m.Capabilities.FeatureStore; fs == nil {
		ps.Required(jsonpath.New("capabilities", "featureStore"), "the featureStore capability")
	} else if vr = fs.ValidationRequest; vr == nil {
		ps.Required(at, "featureStore.validationRequest")
	} else if vr.Parser == nil {
		ps.Required(at.Append("parser"), "featureStore.validationRequest.parser")
	}
	if vr == nil || vr.Parser == nil {
		return extract.Fail[Program](ps)
	}
	pat := at.Append("parser")
	if vr.Parser.Success == nil {
		ps.Required(pat.Append("success"), "success")
	}
	errs := extract.Pointer(ps, vr.Parser.Errors, pat.Append("errors"), "errors")
	top := []extract.Field{
		slotSuccess: extract.Pointer(ps, vr.Parser.Success, pat.Append("success"), "success"),
		slotErrors:  errs,
	}
	// The errors are read twice: whole, for a string, and element by element,
	// for an array of strings.
	list := &extract.List{Array: errs, Items: []extract.Field{{Name: "errors", Set: true}}}
	p := &Program{reader: extract.Build(ps, pat, top, list, limits)}
	return extract.Done(ps, p, &p.warnings)
}

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }

// Limits returns the response limits in force, defaults filled in.
func (p *Program) Limits() parser.Limits { return p.reader.Limits() }

// Parse reads one validation answer. success is required and must be a boolean
// (absent or null is missing, anything else wrong_type). errors, when the parser
// has it and the answer a value there, is a string (one message) or an array of
// strings; another type, or an element that is not a string, is wrong_type at
// its pointer. Messages are kept as they are, "" included; one longer than
// MaxValueBytes is too_large.
func (p *Program) Parse(body []byte) (*Validation, error) { return p.parse(extract.Bytes(body)) }

// ParseReader is Parse over a stream, read to its end (or past the byte limit)
// through a fixed-size buffer. An error reading r is not a response error:
// ParseReader returns it wrapped in a *parser.ReadError.
func (p *Program) ParseReader(r io.Reader) (*Validation, error) { return p.parse(extract.Stream(r)) }

func (p *Program) parse(src extract.Source) (*Validation, error) {
	vals, err := p.reader.Read(src, false)
	if err != nil {
		return nil, err
	}
	fields := p.reader.Fields()
	ok, perr := extract.Bool(vals.Top[slotSuccess], fields[slotSuccess], fields[slotSuccess].Ptr)
	if perr != nil {
		return nil, perr
	}
	res := &Validation{Success: ok, Errors: []string{}}
	f := fields[slotErrors]
	switch v := vals.Top[slotErrors]; {
	case v.Absent():
	case v.Kind == jsonscan.String:
		msg, err := p.message(v, f, f.Ptr)
		if err != nil {
			return nil, err
		}
		res.Errors = append(res.Errors, msg)
	case v.Kind == jsonscan.Array:
		for _, el := range vals.Elements {
			msg, err := p.message(el.Items[0], f, p.reader.ItemPointer(el.Index, 0))
			if err != nil {
				return nil, err
			}
			res.Errors = append(res.Errors, msg)
		}
	default:
		return nil, extract.Errorf(parser.CodeWrongType, f.Ptr, f.Name, "the value at %s must be a string or an array of strings, not %s", f.Ptr, extract.Describe(v.Kind))
	}
	return res, nil
}

// message returns one error message: a string, "" included.
func (p *Program) message(v extract.Value, f extract.Field, ptr jsonpath.Pointer) (string, *parser.Error) {
	if v.EmptyString() {
		return "", nil
	}
	return p.reader.String(v, f, ptr, true)
}
