package spec_test

import (
	"errors"
	"fmt"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/jsregex"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

func ExampleParseManifest() {
	m, err := spec.ParseManifest([]byte(`{
	  "name": "Example CDP",
	  "capabilities": {"syncedSegment": {"requestParser": {
	    "environmentIdPath": "/env", "cohortIdPath": 7, "memberArrayPath": "/batch", "userPath": "/u"
	  }}}
	}`))
	var problems spec.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p.Code, p.Pointer)
		}
	}
	fmt.Println(m.Name, *m.Capabilities.SyncedSegment.RequestParser.MemberArrayPath)
	// Output:
	// wrong_type /capabilities/syncedSegment/requestParser/cohortIdPath
	// unknown_property /capabilities/syncedSegment/requestParser/userPath
	// Example CDP /batch
}

// A problem keeps its typed cause: errors.Is and errors.As find it through
// the Problems that parser.Compile returns.
func ExampleProblem_Unwrap() {
	m, _ := spec.ParseSyncedSegment([]byte(`{
	  "requestParser": {"environmentIdPath": "/env", "cohortIdPath": "/c",
	    "memberArrayPath": "/m", "arrayInclusion": {"path": "/a", "matcher": "^add(?=s)"},
	    "memberArrayParser": {"memberIdPath": "/id"}},
	  "jsonResponseBody": "{\"a\": {{> partial}} }"
	}`))
	_, err := parser.Compile(m)
	fmt.Println(errors.Is(err, handlebars.ErrUnsupported))
	var pe *handlebars.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column, pe.Msg)
	}
	var re *jsregex.SyntaxError
	if errors.As(err, &re) {
		fmt.Println(re.Offset, re.Msg)
	}
	// Output:
	// true
	// 1 7 partials ({{> … }}) are not supported
	// 4 lookahead (?=...) is not supported: matchers run on RE2, which has no lookaround
}
