package fuzz

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/segsync/segsync/capability"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// capabilityPayloads are bodies in the shapes the other parsers read, and
// broken ones.
var capabilityPayloads = []string{
	``, `null`, `{}`, `[]`, `{"eventName": "x test", "value": 1, "url": "u"}`,
	`{"result": {"sys_id": {"value": "a"}, "state": {"value": -1, "display_value": "x"}}}`,
	`{"status": {"value": "approved"}, "_id": "x"}`, `{"members": [{"name": "a", "email": "e"}], "result": [{"user_name": 1, "email": "e"}]}`,
	`{"data": [{"name": "n", "color": "c"}]}`, `{"success": false, "errors": ["a", 1]}`, `{"success": true, "errors": "x"}`, `{`,
}

// FuzzCapabilities loads arbitrary manifests and checks every parser they
// have (package capability): nothing may panic or hang; every problem has a
// valid manifest pointer, code and message; a parser that compiles answers the
// payloads above with a result or a *parser.Error.
func FuzzCapabilities(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "manifests-other", "*", "manifest.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, m := range []string{
		`{"capabilities":{"trigger":{"testEventNameRegexp":"(?<=a)","parser":{"eventName":"e","value":1}}}}`,
		`{"capabilities":{"approval":{"creationRequest":{"parser":{"statusValue":"/s","approvalMatcher":"a*","rejectionMatcher":"","urlTemplate":"{{#if}}"}},"statusRequest":[]}}}`,
		`{"formVariables":[1,{"dynamicOptions":{"parser":{"optionsPath":"/d","optionsItems":{"label":"","value":"/v"}}}}]}`,
		`{"capabilities":{"featureStore":{"validationRequest":{"parser":{"success":"","errors":""}}},"flagLink":{"uiBlocks":{"title":{"elements":[{"text":"{{x"}]}}}}}`,
	} {
		f.Add([]byte(m))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tm := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("manifest %q: no answer in 5s", data)) })
		defer tm.Stop()
		m, err := spec.ParseManifest(data)
		if m == nil {
			checkProblems(t, err, false)
			return
		}
		for _, p := range capability.Check(m, nil) {
			checkProblem(t, p)
		}
		for _, name := range capability.Names(m) {
			prog, err := capability.Compile(m, name, parser.WithLimits(fuzzLimits))
			if err != nil {
				if len(checkProblems(t, err, true).Errors()) == 0 {
					t.Fatalf("%s failed with no problem of severity Error: %v", name, err)
				}
				continue
			}
			for _, body := range capabilityPayloads {
				out, err := prog.Parse([]byte(body))
				var perr *parser.Error
				if err != nil && !errors.As(err, &perr) {
					t.Fatalf("%s: error %T is not a *parser.Error: %v", name, err, err)
				}
				if err == nil && out == nil {
					t.Fatalf("%s: no result and no error", name)
				}
			}
		}
	})
}
