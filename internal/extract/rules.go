package extract

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/parser"
)

// Errorf returns the payload error of code at payload pointer ptr, asked for by
// the manifest field named field.
func Errorf(code parser.Code, ptr jsonpath.Pointer, field, format string, args ...any) *parser.Error {
	return &parser.Error{Status: code.Status(), Code: code, Pointer: ptr, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Describe names a kind with its article, for messages.
func Describe(k jsonscan.Kind) string {
	switch k {
	case jsonscan.True, jsonscan.False, jsonscan.Null:
		return k.String()
	case jsonscan.Object, jsonscan.Array:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Text applies the rule for text values (SEMANTICS §4) to v, read for field f at
// payload pointer ptr: a non-empty string is kept as it is, a number as its
// literal text; "" is invalid_value, a text longer than MaxValueBytes
// too_large, true, false, an object or an array wrong_type. Absent (or null)
// gives "" and no error when the value is optional, missing when it is
// required.
func (r *Reader) Text(v Value, f Field, ptr jsonpath.Pointer, required bool) (string, *parser.Error) {
	switch v.Kind {
	case jsonscan.String, jsonscan.Number:
		if v.Len == 0 {
			return "", Errorf(parser.CodeInvalidValue, ptr, f.Name, "the value at %s is an empty string", ptr)
		}
		if v.Len > int64(r.limits.MaxValueBytes) {
			return "", Errorf(parser.CodeTooLarge, ptr, f.Name, "the value at %s is longer than %d bytes", ptr, r.limits.MaxValueBytes)
		}
		return v.Text, nil
	case 0, jsonscan.Null:
		if required {
			return "", Errorf(parser.CodeMissing, ptr, f.Name, "no value at %s", ptr)
		}
		return "", nil
	}
	return "", Errorf(parser.CodeWrongType, ptr, f.Name, "the value at %s must be a string or a number, not %s", ptr, Describe(v.Kind))
}

// String is Text for a value that must be a string: a number is wrong_type too.
func (r *Reader) String(v Value, f Field, ptr jsonpath.Pointer, required bool) (string, *parser.Error) {
	if v.Kind == jsonscan.Number {
		return "", Errorf(parser.CodeWrongType, ptr, f.Name, "the value at %s must be a string, not a number", ptr)
	}
	s, err := r.Text(v, f, ptr, required)
	if err != nil && err.Code == parser.CodeWrongType {
		err.Message = fmt.Sprintf("the value at %s must be a string, not %s", ptr, Describe(v.Kind))
	}
	return s, err
}

// Matchable returns the text a matcher runs on (SEMANTICS §4 and §10): a
// string, a number's literal text, or a boolean's JSON text, by the rules of
// Text otherwise ("" is invalid_value).
func (r *Reader) Matchable(v Value, f Field, ptr jsonpath.Pointer, required bool) (string, *parser.Error) {
	switch v.Kind {
	case jsonscan.True:
		return "true", nil
	case jsonscan.False:
		return "false", nil
	case jsonscan.Object, jsonscan.Array:
		return "", Errorf(parser.CodeWrongType, ptr, f.Name, "the value at %s must be a string, a number or a boolean, not %s", ptr, Describe(v.Kind))
	}
	return r.Text(v, f, ptr, required)
}

// Bool returns the boolean v, read for field f at ptr: anything but true or
// false is wrong_type; absent (or null) is missing.
func Bool(v Value, f Field, ptr jsonpath.Pointer) (bool, *parser.Error) {
	switch v.Kind {
	case jsonscan.True:
		return true, nil
	case jsonscan.False:
		return false, nil
	case 0, jsonscan.Null:
		return false, Errorf(parser.CodeMissing, ptr, f.Name, "no boolean at %s", ptr)
	}
	return false, Errorf(parser.CodeWrongType, ptr, f.Name, "the value at %s must be true or false, not %s", ptr, Describe(v.Kind))
}

// Array checks the list's array: absent (or null) is missing, anything but an
// array wrong_type.
func (r *Reader) Array(vals *Values) *parser.Error {
	a := r.list.Array
	switch vals.Array.Kind {
	case jsonscan.Array:
		return nil
	case 0, jsonscan.Null:
		return Errorf(parser.CodeMissing, a.Ptr, a.Name, "no array at %s", a.Ptr)
	}
	return Errorf(parser.CodeWrongType, a.Ptr, a.Name, "the value at %s must be an array, not %s", a.Ptr, Describe(vals.Array.Kind))
}

// ItemPointer returns the payload pointer of item i of the element at index.
func (r *Reader) ItemPointer(index, i int) jsonpath.Pointer {
	return r.list.Array.Ptr.Append(strconv.Itoa(index)).Join(r.list.Items[i].Ptr)
}

// scanError turns a scan error into a payload error: too_large for nesting past
// the depth limit, invalid_json otherwise, placed by byte offset.
func scanError(err error) *parser.Error {
	var de *jsonvalue.DepthError
	if errors.As(err, &de) {
		e := Errorf(parser.CodeTooLarge, "", "", "the payload is nested deeper than %d levels (at byte %d)", de.MaxDepth, de.Offset)
		e.Err, e.Offset = err, de.Offset
		return e
	}
	e := Errorf(parser.CodeInvalidJSON, "", "", "%s", err.Error())
	var se *jsonvalue.SyntaxError
	if errors.As(err, &se) {
		e.Message = fmt.Sprintf("the payload is not valid JSON: %s at byte %d", se.Msg, se.Offset)
		e.Offset = se.Offset
	}
	e.Err = err
	return e
}
