package dynamicoptions

import (
	"io"

	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Option is one option of a dynamicEnum form variable.
type Option struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Program is a compiled dynamic options parser. A Program is immutable and safe
// for concurrent use by multiple goroutines.
type Program struct {
	reader   *extract.Reader
	warnings spec.Problems
}

// Compile checks the dynamicOptions of the form variable at manifest pointer
// formVariable (see the package doc) and prepares a Program. When any rule is
// broken it returns a nil Program and spec.Problems listing every problem,
// sorted by pointer.
func Compile(m *spec.Manifest, formVariable jsonpath.Pointer, opts ...parser.Option) (*Program, error) {
	at := formVariable.Append("dynamicOptions")
	ps, limits, err := extract.Start(m, at, opts)
	if err != nil {
		return nil, err
	}
	var fv *spec.FormVariable
	for _, v := range m.AllFormVariables() {
		if v.At == formVariable {
			fv = v
		}
	}
	switch {
	case fv == nil:
		ps.Add(spec.SeverityError, formVariable, spec.CodeRequired, "there is no form variable at %s to read dynamicOptions from", formVariable)
	case fv.DynamicOptions == nil:
		ps.Required(at, "dynamicOptions")
	case fv.DynamicOptions.Parser == nil:
		ps.Required(at.Append("parser"), "dynamicOptions.parser")
	}
	if ps.List.Err() != nil || fv == nil || fv.DynamicOptions == nil || fv.DynamicOptions.Parser == nil {
		return extract.Fail[Program](ps)
	}
	op := fv.DynamicOptions.Parser
	pat := at.Append("parser")
	lp := extract.ListParser{
		At:    pat,
		Array: extract.Named{Name: "optionsPath", Text: op.OptionsPath},
		Items: "optionsItems",
		Item:  []extract.Named{{Name: "label"}, {Name: "value"}},
	}
	if items := op.OptionsItems; items != nil {
		lp.Set, lp.Item[0].Text, lp.Item[1].Text = true, items.Label, items.Value
	}
	p := &Program{reader: extract.CompileList(ps, lp, limits)}
	return extract.Done(ps, p, &p.warnings)
}

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }

// Limits returns the response limits in force, defaults filled in.
func (p *Program) Limits() parser.Limits { return p.reader.Limits() }

// Parse reads one options response. The value at optionsPath must be an array
// (absent or null is missing, another type wrong_type); each element's label and
// value are required text values (SEMANTICS §4), judged in array order, label
// first. An element that is not an object has neither: missing at its label's
// pointer. Every element gives one Option, in order, duplicates included; an
// empty array gives an empty, non-nil list.
func (p *Program) Parse(body []byte) ([]Option, error) {
	return extract.ParseRows(p.reader, extract.Bytes(body), func(row []string) Option { return Option{Label: row[0], Value: row[1]} })
}

// ParseReader is Parse over a stream, read to its end (or past the byte limit)
// through a fixed-size buffer. An error reading r is not a response error:
// ParseReader returns it wrapped in a *parser.ReadError.
func (p *Program) ParseReader(r io.Reader) ([]Option, error) {
	return extract.ParseRows(p.reader, extract.Stream(r), func(row []string) Option { return Option{Label: row[0], Value: row[1]} })
}
