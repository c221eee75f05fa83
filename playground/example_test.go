package playground_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/segsync/segsync/playground"
)

// The page posts what is typed to /api/run; the answer places each problem of
// the manifest at its line and column.
func Example() {
	h := playground.New(playground.Options{})
	manifest := `{"capabilities": {"syncedSegment": {"requestParser": {
  "environmentIdPath": "/env", "cohortIdPath": "/cohort", "cohortNamePath": "/name",
  "memberArrayPath": "members",
  "memberArrayParser": {"memberIdPath": "/id", "booleanMembershipPath": "/in"}}}}}`
	body, _ := json.Marshal(playground.RunRequest{Manifest: manifest, Payload: `{}`})
	req := httptest.NewRequest("POST", "http://localhost/api/run", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	var out playground.RunResponse
	json.Unmarshal(rec.Body.Bytes(), &out)
	fmt.Println(rec.Code, out.Compiled)
	for _, p := range out.Problems {
		fmt.Printf("%d:%d %s %s\n", p.Line, p.Column, p.Severity, p.Code)
	}
	// Output:
	// 200 false
	// 3:22 error invalid_pointer
}
