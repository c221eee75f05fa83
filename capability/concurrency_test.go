package capability_test

import (
	"fmt"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/spec"
)

// bodies are answers in the shapes the public manifests' parsers read.
var bodies = [][]byte{
	[]byte(`{"title": "Disk test", "url": "https://m.example.com/1", "eventName": "e", "value": 3, "name": "n", "result_url": "u"}`),
	[]byte(`{"_id": "a1", "status": {"value": "approved", "display": "Approved"}, "members": [{"name": "n", "email": "e@x.io"}]}`),
	[]byte(`{"result": {"sys_id": {"value": "s"}, "state": {"value": -1, "display_value": "Scheduled"}}}`),
	[]byte(`{"result": [{"user_name": "u", "email": "e@x.io", "sys_id": "s", "status": "inserted", "sys_name": {"display_value": "d"}}]}`),
	[]byte(`{"success": false, "errors": ["x"], "data": [{"name": "n", "color": "c"}]}`),
	[]byte(`{`),
}

// Every compiled parser of the public manifests is safe for concurrent use:
// parsing from several goroutines at once (under -race) gives what parsing one
// at a time gives.
func TestConcurrentParse(t *testing.T) {
	type run struct {
		name string
		prog capability.Program
		want []string
	}
	var runs []run
	for key, path := range testfiles.OtherManifests(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := spec.ParseManifest(data)
		for _, name := range capability.Names(m) {
			p, err := capability.Compile(m, name)
			if err != nil {
				t.Fatalf("%s %s: %v", key, name, err)
			}
			runs = append(runs, run{key + " " + name, p, outcomes(p)})
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(runs))
	for range 8 {
		wg.Go(func() {
			for _, r := range runs {
				if got := outcomes(r.prog); !reflect.DeepEqual(got, r.want) {
					errs <- fmt.Sprintf("%s: got %v, want %v", r.name, got, r.want)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// outcomes parses every body and prints each result or error.
func outcomes(p capability.Program) []string {
	out := make([]string, len(bodies))
	for i, b := range bodies {
		res, err := p.Parse(b)
		out[i] = fmt.Sprintf("%+v %v", res, err)
	}
	return out
}
