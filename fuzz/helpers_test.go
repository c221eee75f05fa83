package fuzz

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// validCodes maps each payload error code to its HTTP status.
var validCodes = map[parser.Code]int{
	parser.CodeInvalidJSON:  400,
	parser.CodeMissing:      400,
	parser.CodeWrongType:    400,
	parser.CodeInvalidValue: 400,
	parser.CodeTooLarge:     413,
}

// checkErrorShape checks that a payload error has a known code, the status of
// that code, a valid payload pointer and a message.
func checkErrorShape(t *testing.T, pe *parser.Error) {
	t.Helper()
	status, ok := validCodes[pe.Code]
	if !ok {
		t.Fatalf("unknown error code %q in %v", pe.Code, pe)
	}
	if pe.Status != status || pe.Code.Status() != status {
		t.Fatalf("error %v has status %d, want %d", pe, pe.Status, status)
	}
	if _, err := jsonpath.Parse(pe.Pointer.String()); err != nil {
		t.Fatalf("error %v has an invalid pointer %q: %v", pe, pe.Pointer, err)
	}
	if pe.Message == "" {
		t.Fatalf("error %#v has no message", pe)
	}
	var same *parser.Error
	if !errors.As(error(pe), &same) || same != pe {
		t.Fatalf("errors.As does not find the *parser.Error itself")
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}
