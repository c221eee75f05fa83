package featurestore_test

import (
	"fmt"

	"github.com/segsync/segsync/featurestore"
	"github.com/segsync/segsync/spec"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"featureStore": {
	  "formVariables": [],
	  "validationRequest": {"endpoint": {"url": "https://store.example.com/validate", "method": "GET"},
	    "parser": {"success": "/success", "errors": "/errors"}},
	  "featureStoreRequest": {"endpoint": {"url": "https://store.example.com/flags", "method": "PUT"}}
	}}}`))
	prog, err := featurestore.Compile(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := prog.Parse([]byte(`{"success": false, "errors": ["token expired", "namespace not found"]}`))
	fmt.Printf("%v %q\n", v.Success, v.Errors)
	v, _ = prog.Parse([]byte(`{"success": true}`))
	fmt.Printf("%v %q\n", v.Success, v.Errors)
	// Output:
	// false ["token expired" "namespace not found"]
	// true []
}
