package handlebars

import (
	"errors"
	"reflect"
	"strings"
	"unsafe"

	"github.com/segsync/segsync/jsonvalue"
)

// A Helper is a block helper, called as {{#name param…}}…{{else}}…{{/name}}.
// Register one for a template with [WithHelper]. The framework's helpers
// ([FrameworkHelpers]) also include helpers that return a value, called as
// {{name param…}}; their Fn is nil, and they cannot be used as blocks. A helper decides which part
// of its block to render, and in which context, through the [*Block] it is
// given; it cannot write output of its own, so everything it renders is
// escaped like the rest of the template.
type Helper struct {
	// Params is the number of parameters the helper takes; Parse rejects a
	// call with any other count. A negative Params accepts any count, and the
	// helper must check the count itself.
	Params int
	// Fn is called with the block and the parameters' values. An error it
	// returns ends the render with a [*RenderError] at the helper's tag
	// wrapping ErrHelper and the error, except that an error returned by b.Fn
	// or b.Inverse and returned as it is (not wrapped) ends the render
	// unchanged, as the *RenderError of the node that failed. Fn must not
	// panic and must not keep b after it returns.
	Fn func(b *Block, params []any) error
	// SameContext promises that Fn renders its block and else part only with
	// b.This() as context, as the built-in #if does; [Template.ContextPaths]
	// relies on it to follow the helper's body.
	SameContext bool

	// value, when set, makes the helper a value helper: called in a mustache,
	// it returns the value to write. defined says which params are defined
	// (not JavaScript's undefined). It takes exactly arity params, whatever
	// Params says.
	value func(r *renderer, params []any, defined []bool) (any, error)
	arity int
}

// Block is a helper's view of the block it was called for. It is valid only
// during the helper's call.
type Block struct {
	r     *renderer
	stmt  *blockStmt
	this  any
	scope scope
	done  bool
	errs  []*RenderError // the errors Fn and Inverse returned
	// params are the parameters as evaluated, boxed ones included; defined
	// says which are defined (not JavaScript's undefined).
	params  []any
	defined []bool
}

// errBlockDone is returned by a Block used after its helper returned.
var errBlockDone = errors.New("handlebars: Block used after its helper returned")

// This returns the context the block was called in (Handlebars' "this"). As in
// Handlebars.js, a null context is replaced by an empty object.
func (b *Block) This() any { return unbox(b.this) }

// Fn renders the block's main part with context as "this". It returns nil or
// a [*RenderError]; returned unchanged by the helper, that error ends the
// render as it is.
func (b *Block) Fn(context any) error {
	return b.render(b.stmt.program, context)
}

// Inverse renders the block's {{else}} part, if any, with context as "this".
// Its error is like Fn's.
func (b *Block) Inverse(context any) error {
	return b.render(b.stmt.inverse, context)
}

func (b *Block) render(prog *program, context any) error {
	if b.done {
		return errBlockDone
	}
	err := b.r.renderIn(prog, context, b.scope)
	if err == nil {
		return nil
	}
	re := b.r.renderError(b.stmt.offset, err)
	b.errs = append(b.errs, re)
	return re
}

// looseEqual reports whether a == b under JavaScript's loose equality, for
// values of the data model (see [Template.Render]): numbers compare
// numerically (a jsonvalue.Number by its value), a string compared with a
// number is converted with Number(s), a boolean compares as 0 or 1, null
// equals only null (and a missing value), an array or object compared with a
// string or number is converted to its string form, and two arrays or objects
// are equal only when they are the same one (see sameObject). It returns an
// error wrapping ErrDataType for a value outside the model. Handlebars.js
// compares contexts this way when it keeps its context stack (see renderIn).
//
// The conversion of arrays to strings, and the comparison and conversion of
// long strings, are charged to the render's limits (see chargeBytes).
func isBoxed(v any) bool {
	_, ok := v.(*boxed)
	return ok
}

func isObjectLike(v any) bool {
	switch v.(type) {
	case []any, *jsonvalue.Object, map[string]any, *nullContextType, *boxed:
		return true
	}
	return false
}

func (r *renderer) looseEqual(a, b any) (bool, error) {
	a, b = normalize(a), normalize(b)
	if err := checkType(a); err != nil {
		return false, err
	}
	if err := checkType(b); err != nil {
		return false, err
	}
	// Each round converts one side closer to a primitive; four suffice.
	for range 4 {
		if a == nil || b == nil {
			return a == nil && b == nil, nil
		}
		switch x := a.(type) {
		case string:
			if y, ok := b.(string); ok {
				if len(x) == len(y) {
					if err := r.chargeBytes(len(x)); err != nil {
						return false, err
					}
				}
				return x == y, nil
			}
		case bool:
			if y, ok := b.(bool); ok {
				return x == y, nil
			}
			a = boolNumber(x)
			continue
		}
		if y, ok := b.(bool); ok {
			b = boolNumber(y)
			continue
		}
		fa, aNum := toFloat(a)
		fb, bNum := toFloat(b)
		switch {
		case aNum && bNum:
			return fa == fb, nil
		case aNum:
			if s, ok := b.(string); ok {
				if err := r.chargeBytes(len(s)); err != nil {
					return false, err
				}
				return fa == jsToNumber(s), nil
			}
		case bNum:
			if s, ok := a.(string); ok {
				if err := r.chargeBytes(len(s)); err != nil {
					return false, err
				}
				return jsToNumber(s) == fb, nil
			}
		}
		aObj, bObj := isObjectLike(a), isObjectLike(b)
		switch {
		case aObj && bObj:
			return sameObject(a, b), nil
		case isBoxed(a):
			a = unbox(a)
		case isBoxed(b):
			b = unbox(b)
		case aObj:
			s, err := r.primitiveString(a)
			if err != nil {
				return false, err
			}
			a = s
		case bObj:
			s, err := r.primitiveString(b)
			if err != nil {
				return false, err
			}
			b = s
		default:
			return false, nil
		}
	}
	return false, nil
}

func boolNumber(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// sameObject reports whether two arrays or objects are the same one.
//
// A Go slice has no identity of its own, so two []any are taken to be the same
// array when they share backing array, length and capacity: a value is always
// the same as itself, and two slices of one backing array that differ in
// length or capacity are different arrays. This is exact except for arrays
// without backing storage: Go gives every zero-capacity slice the same
// address (and nil slices none), so two distinct empty arrays of zero capacity,
// such as two [] decoded by package jsonvalue, cannot be told apart and are
// reported as the same, where JavaScript would call them different. Erring
// that way keeps a value identical to itself, as {{#equal a a}} and
// Handlebars' context stack need.
func sameObject(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && unsafe.SliceData(x) == unsafe.SliceData(y) && len(x) == len(y) && cap(x) == cap(y)
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && reflect.ValueOf(x).UnsafePointer() == reflect.ValueOf(y).UnsafePointer()
	}
	return a == b
}

// primitiveString is String(v) for an array or object.
func (r *renderer) primitiveString(v any) (string, error) {
	var b strings.Builder
	if err := r.appendString(&b, v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}
