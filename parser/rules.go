package parser

import (
	"strconv"

	"github.com/segsync/segsync/jsonpath"
)

// The payload rules of SEMANTICS §4, applied by the collector over scan events
// (collect.go) and by the tests' oracle over a decoded tree (refbuilder_test.go).
// Each takes what both have, a value's kind and its text or length.

// checkText applies the rule for text values to a value of kind k whose text is n
// bytes long, and returns the error, or nil.
func (p *Program) checkText(k kind, n int, required bool, pa path, ptr func() jsonpath.Pointer) *Error {
	switch k {
	case kindString, kindNumber:
		if n == 0 {
			return newError(CodeInvalidValue, ptr(), pa.field, "the value at %s is an empty string", ptr())
		}
		if n > p.limits.MaxValueBytes {
			return newError(CodeTooLarge, ptr(), pa.field, "the value at %s is longer than %d bytes", ptr(), p.limits.MaxValueBytes)
		}
		return nil
	case kindAbsent, kindNull:
		if required {
			return newError(CodeMissing, ptr(), pa.field, "no value at %s", ptr())
		}
		return nil
	}
	return newError(CodeWrongType, ptr(), pa.field, "the value at %s must be a string or a number, not %s", ptr(), k)
}

// rootError is the error for a payload whose top level is of kind k, or nil: the
// top level must be an object or an array, as the framework's JSON body parser
// requires before any pointer is read (SEMANTICS §9).
func rootError(k kind) error {
	if k == kindObject || k == kindArray {
		return nil
	}
	return newError(CodeWrongType, "", "", "the payload must be a JSON object or array, not %s", k)
}

// arrayError is the error for member array i holding a value of kind k, or nil.
func (p *Program) arrayError(i int, k kind) *Error {
	pa := p.arrays[i]
	switch {
	case k == kindArray:
		return nil
	case p.mode == ModeNamedArrays && (k == kindAbsent || k == kindNull):
		return nil // an absent add or remove array is empty
	case k == kindAbsent || k == kindNull:
		return newError(CodeMissing, pa.ptr, pa.field, "no member array at %s", pa.ptr)
	}
	return newError(CodeWrongType, pa.ptr, pa.field, "the member array at %s must be an array, not %s", pa.ptr, k)
}

// actionText returns the text the matcher runs on: a string, or a number's or a
// boolean's JSON text; for strings and numbers, n is the length of the value's
// text and text the text itself (when it was kept: n is at most MaxValueBytes).
func (p *Program) actionText(k kind, n int, text string) (string, *Error) {
	pa := p.top[topAction]
	switch k {
	case kindString, kindNumber:
		if n > p.limits.MaxValueBytes {
			return "", newError(CodeTooLarge, pa.ptr, pa.field, "the action value is longer than %d bytes", p.limits.MaxValueBytes)
		}
		return text, nil
	case kindTrue:
		return "true", nil
	case kindFalse:
		return "false", nil
	case kindAbsent, kindNull:
		return "", newError(CodeMissing, pa.ptr, pa.field, "no action value at %s", pa.ptr)
	}
	return "", newError(CodeWrongType, pa.ptr, pa.field, "the action value at %s must be a string, a number or a boolean, not %s", pa.ptr, k)
}

// membership applies the boolean-mode rule to a member's boolean of kind k: true
// adds, false removes, absent or null is missing, anything else is wrong_type.
func (p *Program) membership(k kind, ptr func() jsonpath.Pointer) (add bool, err *Error) {
	bp := p.member[memberBoolean]
	switch k {
	case kindTrue:
		return true, nil
	case kindFalse:
		return false, nil
	case kindAbsent, kindNull:
		return false, newError(CodeMissing, ptr(), bp.field, "no membership boolean at %s", ptr())
	}
	return false, newError(CodeWrongType, ptr(), bp.field, "the membership value at %s must be true or false, not %s", ptr(), k)
}

// topLevel applies the rules to the top-level values in slot order, given the kind,
// text length and text of each (for a string or a number; else 0 and ""; the text
// may be "" for a value longer than MaxValueBytes, which is not kept). It returns
// their texts, with the context kind "user" by default, and whether the members
// are added: always, except in action mode, where the matcher decides.
func (p *Program) topLevel(value func(slot int) (kind, int, string)) (top [numTop]string, add bool, err *Error) {
	for slot := range numTop {
		pa := &p.top[slot]
		if !pa.set {
			continue
		}
		k, n, text := value(slot)
		if slot == topAction {
			if top[slot], err = p.actionText(k, n, text); err != nil {
				return top, false, err
			}
			continue
		}
		if (k == kindString || k == kindNumber) && n > 0 && n <= p.limits.MaxValueBytes {
			top[slot] = text // passes checkText
			continue
		}
		required := slot != topContextKind && slot != topCohortURL
		if err = p.checkText(k, n, required, *pa, func() jsonpath.Pointer { return pa.ptr }); err != nil {
			return top, false, err
		}
		top[slot] = text
	}
	if top[topContextKind] == "" {
		top[topContextKind] = "user"
	}
	add = p.mode != ModeAction || p.matchAction(top[topAction])
	return top, add, nil
}

// memberPointer returns the payload pointer of member slot of the index-th element
// of member array i.
func (p *Program) memberPointer(i, index, slot int) jsonpath.Pointer {
	return p.arrays[i].ptr.Append(strconv.Itoa(index)).Join(p.member[slot].ptr)
}
