package spec_test

import (
	"errors"
	"fmt"

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
