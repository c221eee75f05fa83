package testfiles

import (
	"encoding/json"
	"os"
	"testing"
)

// RFC6901 holds RFC 6901 section 5's examples, as testdata/rfc6901/examples.json
// transcribes them.
type RFC6901 struct {
	Document json.RawMessage `json:"document"`
	Cases    []RFC6901Case   `json:"section5_json_string"`
}

// RFC6901Case is one example: a pointer and the value it names in Document.
type RFC6901Case struct {
	Pointer  string          `json:"pointer"`
	Whole    bool            `json:"whole_document"` // the pointer names Document itself
	Expected json.RawMessage `json:"expected"`
}

// Want returns the JSON text the case's pointer names in doc.
func (c RFC6901Case) Want(doc json.RawMessage) json.RawMessage {
	if c.Whole {
		return doc
	}
	return c.Expected
}

// RFC6901Examples loads the examples, failing t when the vendored file is missing
// or holds none.
func RFC6901Examples(t testing.TB) RFC6901 {
	t.Helper()
	data, err := os.ReadFile(Vendored(t, "rfc6901/examples.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ex RFC6901
	if err := json.Unmarshal(data, &ex); err != nil {
		t.Fatal(err)
	}
	if len(ex.Cases) == 0 {
		t.Fatal("no examples in rfc6901/examples.json: its format changed")
	}
	return ex
}
