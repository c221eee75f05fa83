package extract

import (
	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// Rows applies the rules of a list of text values (SEMANTICS §10: member list,
// dynamic options) to what Read found: the array must be an array, and every
// item of every element is a required text value, judged in element order and,
// within an element, in the order of List.Items. It returns one row of texts per
// element, never nil.
func (r *Reader) Rows(vals *Values) ([][]string, *parser.Error) {
	if err := r.Array(vals); err != nil {
		return nil, err
	}
	rows := make([][]string, 0, len(vals.Elements))
	for _, el := range vals.Elements {
		row := make([]string, len(r.list.Items))
		for i, f := range r.list.Items {
			text, err := r.Text(el.Items[i], f, r.ItemPointer(el.Index, i), true)
			if err != nil {
				return nil, err
			}
			row[i] = text
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Named is a field of a parser as the manifest gives it: its name and its text,
// nil when absent.
type Named struct {
	Name string
	Text *string
}

// ListParser is a parser of a list as the manifest gives it: the parser object's
// manifest pointer, the array pointer field, and the object of item pointers
// (nil when absent), whose fields are all required.
type ListParser struct {
	At    jsonpath.Pointer
	Array Named
	Items string  // the name of the items object, such as "memberItems"
	Set   bool    // the items object is given
	Item  []Named // the item fields, in the order errors are reported
}

// CompileList checks a list parser's fields (all required) and compiles its
// Reader, reporting problems to ps; it returns nil when there is an error.
func CompileList(ps *field.Problems, lp ListParser, limits parser.Limits) *Reader {
	iat := lp.At.Append(lp.Items)
	if !lp.Set {
		ps.Required(iat, lp.Items)
	}
	list := &List{}
	for _, it := range lp.Item {
		name := lp.Items + "." + it.Name
		if lp.Set && it.Text == nil {
			ps.Required(iat.Append(it.Name), name)
		}
		list.Items = append(list.Items, Pointer(ps, it.Text, iat.Append(it.Name), name))
	}
	if lp.Array.Text == nil {
		ps.Required(lp.At.Append(lp.Array.Name), lp.Array.Name)
	}
	list.Array = Pointer(ps, lp.Array.Text, lp.At.Append(lp.Array.Name), lp.Array.Name)
	return Build(ps, lp.At, nil, list, limits)
}

// ParseRows reads a payload with a list Reader and turns each row of Rows into
// a T with mk; the error is a *parser.Error, or a *parser.ReadError for a
// stream that cannot be read.
func ParseRows[T any](r *Reader, src Source, mk func(row []string) T) ([]T, error) {
	vals, err := r.Read(src, false)
	if err != nil {
		return nil, err
	}
	rows, perr := r.Rows(vals)
	if perr != nil {
		return nil, perr
	}
	out := make([]T, len(rows))
	for i, row := range rows {
		out[i] = mk(row)
	}
	return out, nil
}
