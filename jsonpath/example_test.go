package jsonpath_test

import (
	"fmt"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

func Example() {
	p, err := jsonpath.Parse("/batch/0/cohort~1name")
	if err != nil {
		panic(err)
	}
	doc, _ := jsonvalue.Decode([]byte(`{"batch":[{"cohort/name":"Beta testers"}]}`), 0)
	v, found := p.Eval(doc)
	fmt.Println(p.Tokens(), v, found)
	fmt.Println(p.Append("x~y"))
	// Output:
	// [batch 0 cohort/name] Beta testers true
	// /batch/0/cohort~1name/x~0y
}
