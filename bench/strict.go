package bench

import (
	"errors"

	"github.com/segsync/segsync/parser"
)

// strictCases are payloads that RFC 8259 (in UTF-8) refuses, each wrapped so that
// every shape's parser reads it as a document: a strict parser refuses all of
// them. BenchmarkField counts how many each contestant accepts.
var strictCases = []struct {
	name string
	data string
}{
	{"unclosed array", `[`},
	{"unterminated member", `{"a":`},
	{"number without fraction digits", `{"a":1.}`},
	{"byte order mark", "\ufeff{}"},
	{"invalid UTF-8", "{\"a\":\"\xff\"}"},
	{"surrogate half in UTF-8", "{\"a\":\"\xed\xa0\x80\"}"},
	{"lone surrogate escape", `{"a":"\ud800"}`},
	{"trailing comma", `{"a":[1,]}`},
	{"leading zero", `{"a":01}`},
	{"control character in a string", "{\"a\":\"\x01\"}"},
	{"data after the value", `{} {}`},
	{"single quotes", `{'a':1}`},
}

// laxCount returns how many strictCases valid accepts.
func laxCount(valid func([]byte) bool) int {
	n := 0
	for _, c := range strictCases {
		if valid([]byte(c.data)) {
			n++
		}
	}
	return n
}

// extractorValid turns an extractor into a validator: it accepts what it reads
// without an error.
func extractorValid(ex Extractor) func([]byte) bool {
	return func(b []byte) bool {
		_, err := ex(b, nil)
		return err == nil
	}
}

// segsyncValid is segsync's Parse of the shape as a validator: a payload is
// accepted unless Parse calls it invalid JSON (the strict cases are not payloads of
// the shape, so their other errors mean the JSON was read whole).
func segsyncValid(s Shape) func([]byte) bool {
	prog, err := Program(s, 1000, 1<<20)
	if err != nil {
		panic(err)
	}
	return func(b []byte) bool {
		_, err := prog.Parse(b)
		return !isInvalidJSON(err)
	}
}

// isInvalidJSON reports whether err is Parse's invalid_json error.
func isInvalidJSON(err error) bool {
	var perr *parser.Error
	return errors.As(err, &perr) && perr.Code == parser.CodeInvalidJSON
}
