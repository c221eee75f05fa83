package dynamicoptions_test

import (
	"fmt"

	"github.com/segsync/segsync/dynamicoptions"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"formVariables": [
	  {"key": "team", "name": "Team", "type": "string", "description": "d"},
	  {"key": "colour", "name": "Colour", "type": "dynamicEnum", "description": "d",
	   "dynamicOptions": {"endpoint": {"url": "https://x.example.com/colours", "method": "GET"},
	     "parser": {"optionsPath": "/data", "optionsItems": {"label": "/name", "value": "/hex"}}}}
	]}`))
	prog, err := dynamicoptions.Compile(m, jsonpath.MustParse("/formVariables/1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	opts, _ := prog.Parse([]byte(`{"data": [{"name": "cerulean", "hex": "#98B2D1"}, {"name": "fuchsia rose", "hex": "#C74375"}]}`))
	fmt.Println(opts)
	// Output:
	// [{cerulean #98B2D1} {fuchsia rose #C74375}]
}
