package parser

import (
	"io"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

// evalReference is the reference evaluator, the differential oracle of the tests:
// it decodes the whole payload into a tree with the strict decoder (jsonvalue, built
// on jsontext, independent of the scanner) and walks the program's pointers over it
// with jsonpath.Pointer.Eval. It is simple and obviously correct.
func (p *Program) evalReference(r io.Reader) (*Result, error) {
	doc, err := jsonvalue.DecodeReader(r, p.limits.MaxDepth)
	if err != nil {
		return nil, scanError(err) // the decoder reports with the scanner's error types
	}
	if err := rootError(kindOfFound(doc, true)); err != nil {
		return nil, err
	}
	return p.evalTree(doc)
}

// evalTree evaluates the program over a decoded payload.
func (p *Program) evalTree(doc any) (*Result, error) {
	b := newBuilder(p)
	for slot, pa := range p.top {
		if pa.set {
			b.setTop(slot, valueAt(doc, pa.ptr))
		}
	}
	for i, pa := range p.arrays {
		v, found := pa.ptr.Eval(doc)
		b.startArray(i, kindOfFound(v, found))
		elems, _ := v.([]any)
		for index, el := range elems {
			var m member
			for slot, mp := range p.member {
				if mp.set {
					m[slot] = valueAt(el, mp.ptr)
				}
			}
			if err := b.addMember(i, index, &m); err != nil {
				return nil, err
			}
		}
	}
	return b.finish()
}

// valueAt evaluates ptr over v and returns what it finds as a value.
func valueAt(v any, ptr jsonpath.Pointer) value {
	found, ok := ptr.Eval(v)
	k := kindOfFound(found, ok)
	switch k {
	case kindString:
		return value{kind: k, text: found.(string)}
	case kindNumber:
		return value{kind: k, text: string(found.(jsonvalue.Number))}
	}
	return value{kind: k}
}

func kindOfFound(v any, found bool) kind {
	if !found {
		return kindAbsent
	}
	switch v := v.(type) {
	case nil:
		return kindNull
	case bool:
		if v {
			return kindTrue
		}
		return kindFalse
	case string:
		return kindString
	case jsonvalue.Number:
		return kindNumber
	case []any:
		return kindArray
	case *jsonvalue.Object:
		return kindObject
	}
	return kindAbsent
}

// textAt returns the text value a pointer finds, or "" when it finds none.
func textAt(doc any, pa path) string {
	if !pa.set {
		return ""
	}
	v := valueAt(doc, pa.ptr)
	if v.kind == kindString || v.kind == kindNumber {
		return v.text
	}
	return ""
}

// judgeReference is judge over the reference evaluator: the payload decoded whole
// into a tree.
func (p *Program) judgeReference(payload []byte) (*Result, *payloadView, error) {
	if int64(len(payload)) > p.limits.MaxBytes {
		return nil, nil, p.tooManyBytes()
	}
	doc, err := jsonvalue.Decode(payload, p.limits.MaxDepth)
	if err != nil {
		return nil, nil, scanError(err) // the decoder reports with the scanner's error types
	}
	if err := rootError(kindOfFound(doc, true)); err != nil {
		return nil, nil, err // judged with the syntax, before the template sees the payload
	}
	res, err := p.evalTree(doc)
	if p.template == nil {
		return res, nil, err
	}
	pl := &payloadView{body: doc, envID: textAt(doc, p.top[topEnvironmentID]), cohortID: textAt(doc, p.top[topCohortID])}
	return res, pl, err
}
