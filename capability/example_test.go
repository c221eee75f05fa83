package capability_test

import (
	"fmt"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/spec"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {
	  "trigger": {"documentation": "https://example.com", "parser": {"eventName": "/title", "url": "/link"}},
	  "featureStore": {"formVariables": [], "featureStoreRequest": {"endpoint": {}},
	    "validationRequest": {"endpoint": {}, "parser": {"success": "/ok"}}}
	}}`))
	fmt.Println(capability.Names(m))
	prog, err := capability.Compile(m, "trigger")
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, _ := prog.Parse([]byte(`{"title": "Disk full", "link": "https://m.example.com/7"}`))
	fmt.Printf("%+v\n", ev)
	fmt.Println(len(capability.Check(m, nil)))
	// Output:
	// [trigger featureStore.validationRequest]
	// &{EventName:Disk full Value: URL:https://m.example.com/7 IsTest:false}
	// 0
}
