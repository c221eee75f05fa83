package payloadgen_test

import (
	"fmt"

	"github.com/segsync/segsync/payloadgen"
)

const manifest = `{"name": "Cohorts", "capabilities": {"syncedSegment": {"requestParser": {
	"environmentIdPath": "/env", "cohortIdPath": "/cohort/id", "cohortNamePath": "/cohort/name",
	"addMemberArrayPath": "/add", "removeMemberArrayPath": "/remove",
	"memberArrayParser": {"memberIdPath": "/id"}}}}}`

// Example generates a readable payload for a spec and parses it.
func Example() {
	shape, err := payloadgen.NewShape([]byte(manifest))
	if err != nil {
		panic(err)
	}
	p, err := payloadgen.New(shape, 1).Example(payloadgen.ExampleOptions{Members: 2})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(p.Bytes()))
	res, err := shape.Program.Parse(p.Bytes())
	fmt.Println(res.Segments[0].Add, err)
	// Output:
	// {"env":"06a462aa0c13b95dd4c7a152","add":[{"id":"user-f73b6d"},{"id":"user-912662"}],"remove":[],"cohort":{"id":"cohort-f42e","name":"Cohort f42e"}}
	// [user-f73b6d user-912662] <nil>
}

// ExampleGenerator_NearMiss makes near misses a JSON Schema can judge and lets
// the program decide each.
func ExampleGenerator_NearMiss() {
	shape, err := payloadgen.NewShape([]byte(manifest))
	if err != nil {
		panic(err)
	}
	g := payloadgen.New(shape, 3)
	for range 3 {
		p, err := g.NearMiss(payloadgen.SchemaMutations...)
		if err != nil {
			panic(err)
		}
		_, perr := shape.Program.Parse(p.Bytes())
		fmt.Printf("%s\n\t%v\n", p.Note, perr)
	}
	// Output:
	// big-number at the root: 9007199254740993
	// 	wrong_type at payload: the payload must be a JSON object or array, not a number
	// big-number at /add/0/id: 1e400
	// 	<nil>
	// escapes at /remove: "\ud83d\ude00"
	// 	wrong_type at /remove (removeMemberArrayPath): the member array at /remove must be an array, not a string
}
