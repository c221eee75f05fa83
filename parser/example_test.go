package parser_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The whole path: compile a manifest once, parse payloads with it.
func Example() {
	manifest := []byte(`{
	  "name": "Example CDP",
	  "capabilities": {"syncedSegment": {"requestParser": {
	    "environmentIdPath": "/environmentId",
	    "cohortIdPath": "/cohort/id",
	    "cohortNamePath": "/cohort/name",
	    "memberArrayPath": "/batch",
	    "memberArrayParser": {"memberIdPath": "/userId", "booleanMembershipPath": "/value"}
	  }}}
	}`)
	prog, err := parser.CompileJSON(manifest, parser.WithIntegrationKey("example-cdp"))
	if err != nil {
		panic(err) // spec.Problems: every problem, with its manifest pointer
	}
	res, err := prog.Parse([]byte(`{
	  "environmentId": "env-123",
	  "cohort": {"id": "beta", "name": "Beta testers"},
	  "batch": [{"userId": "u1", "value": true}, {"userId": 42, "value": false}]
	}`))
	if err != nil {
		panic(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(res)
	// Output:
	// {
	//   "environmentId": "env-123",
	//   "contextKind": "user",
	//   "segments": [
	//     {
	//       "cohortId": "beta",
	//       "cohortName": "Beta testers",
	//       "segmentKey": "example-cdp-beta",
	//       "add": [
	//         "u1"
	//       ],
	//       "remove": [
	//         "42"
	//       ]
	//     }
	//   ]
	// }
}

// A segment's lists hold their IDs compactly, in one text: range over them,
// index them, or copy them out as a []string.
func ExampleMembers() {
	m, _ := spec.ParseSyncedSegment([]byte(`{"requestParser": {
	  "environmentIdPath": "/env", "cohortIdPath": "/id", "cohortNamePath": "/name",
	  "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove",
	  "memberArrayParser": {"memberIdPath": ""}
	}}`))
	prog, _ := parser.Compile(m)
	res, err := prog.Parse([]byte(`{"env": "e", "id": "c", "name": "C", "add": ["u1", "ana@example.com", "u1"], "remove": ["u3"]}`))
	if err != nil {
		panic(err)
	}
	seg := res.Segments[0]
	for id := range seg.Add.Values() {
		fmt.Println("add", id)
	}
	for i, id := range seg.Remove.All() {
		fmt.Println("remove", i, id)
	}
	fmt.Println(seg.Add.Len(), seg.Add.At(1), seg.Remove.Strings())
	b, _ := json.Marshal(seg.Add)
	fmt.Println(string(b))
	// Output:
	// add u1
	// add ana@example.com
	// remove 0 u3
	// 2 ana@example.com [u3]
	// ["u1","ana@example.com"]
}

// Compile reports every problem of a spec at once, each with its manifest pointer.
func ExampleCompile_problems() {
	m, _ := spec.ParseSyncedSegment([]byte(`{"requestParser": {
	  "environmentIdPath": "environmentId",
	  "cohortIdPath": "/cohortId",
	  "addMemberArrayPath": "/add",
	  "arrayInclusion": {"path": "/action", "matcher": "^(?!remove)"},
	  "memberArrayParser": {"memberIdPath": "/id"}
	}}`))
	_, err := parser.Compile(m)
	var problems spec.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p.Pointer, p.Code)
		}
	}
	// Output:
	// /capabilities/syncedSegment/requestParser/addMemberArrayPath unpaired
	// /capabilities/syncedSegment/requestParser/arrayInclusion conflict
	// /capabilities/syncedSegment/requestParser/arrayInclusion required
	// /capabilities/syncedSegment/requestParser/arrayInclusion/matcher invalid_matcher
	// /capabilities/syncedSegment/requestParser/cohortNamePath required
	// /capabilities/syncedSegment/requestParser/environmentIdPath invalid_pointer
}

// A payload error carries the HTTP status, a stable code, the payload pointer and
// the manifest field.
func ExampleProgram_Parse_error() {
	m, _ := spec.ParseSyncedSegment([]byte(`{"requestParser": {
	  "environmentIdPath": "/env", "cohortIdPath": "/id", "cohortNamePath": "/name",
	  "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove",
	  "memberArrayParser": {"memberIdPath": "/userId"}
	}}`))
	prog, _ := parser.Compile(m)
	_, err := prog.Parse([]byte(`{"env": "e", "id": "c", "name": "C", "add": [{"userId": "u1"}, {"userId": ""}]}`))
	var perr *parser.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Status, perr.Code, perr.Pointer, perr.Field)
	}
	// Output:
	// 400 invalid_value /add/1/userId memberArrayParser.memberIdPath
}

// A service that stores each accepted result before it answers: when storing
// fails, the partner gets an error answer (here 503, so that it retries) rendered
// with the manifest's template, and the cause stays in the service.
func ExampleProgram_RespondWith() {
	m, err := spec.ParseSyncedSegment([]byte(`{
	  "requestParser": {
	    "environmentIdPath": "/env", "cohortIdPath": "/cohort", "cohortNamePath": "/name",
	    "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove",
	    "memberArrayParser": {"memberIdPath": ""}
	  },
	  "jsonResponseBody": "{\"segment\": \"{{segmentKey}}\", \"ok\": {{#if errorMessage}}false, \"error\": \"{{errorMessage}}\"{{else}}true{{/if}} }"
	}`))
	if err != nil {
		panic(err)
	}
	prog, err := parser.Compile(m, parser.WithIntegrationKey("cdp"))
	if err != nil {
		panic(err)
	}
	store := func(res *parser.Result) error {
		return &parser.Error{Status: 503, Code: "unavailable", Message: "storage is down, try again"}
	}
	resp, _, err := prog.RespondWith([]byte(`{"env":"e1","cohort":"vip","name":"VIP","add":["u1"],"remove":[]}`), parser.ResponseOptions{}, store)
	fmt.Println(resp.Status, string(resp.Body))
	fmt.Println(err)
	// Output:
	// 503 {"segment": "cdp-vip", "ok": false, "error": "storage is down, try again" }
	// unavailable at payload: storage is down, try again
}

// A service that answers straight from the request body: RespondReader reads the
// payload through a fixed buffer, so memory follows what the program keeps, not
// the size of the body.
func ExampleProgram_RespondReader() {
	prog, err := parser.CompileJSON([]byte(`{"capabilities": {"syncedSegment": {
	  "requestParser": {
	    "environmentIdPath": "/env", "cohortIdPath": "/cohort", "cohortNamePath": "/name",
	    "addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove",
	    "memberArrayParser": {"memberIdPath": ""}
	  },
	  "jsonResponseBody": "{\"env\": \"{{requestBody.env}}\", \"error\": \"{{errorMessage}}\"}"
	}}}`))
	if err != nil {
		panic(err)
	}
	body := strings.NewReader(`{"env":"e1","cohort":"vip","name":"VIP","add":["u1",""]}`)
	resp, _, err := prog.RespondReader(body, parser.ResponseOptions{}, nil)
	var rerr *parser.ReadError
	if errors.As(err, &rerr) {
		fmt.Println("the body could not be read:", rerr.Err)
		return
	}
	fmt.Println(resp.Status, string(resp.Body))
	// Output:
	// 400 {"env": "e1", "error": "the value at /add/1 is an empty string"}
}
