package jsonscan

import (
	"errors"
	"github.com/segsync/segsync/jsonvalue"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segsync/segsync/internal/testfiles"
)

// TestJSONTestSuite runs every parsing case of nst/JSONTestSuite: y_ must be
// accepted, n_ rejected, and i_ (implementation-defined) must get jsontext's verdict.
func TestJSONTestSuite(t *testing.T) {
	dir := testfiles.Shared(t, "testdata/JSONTestSuite/test_parsing")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("JSONTestSuite not found at %s: the shared test data is absent", dir)
	}
	q := mustCompile(t, fuzzQueries[0], WithMaxDepth(100000))
	accepted := 0
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			err = q.Scan(data, NopHandler{})
			var want bool
			switch {
			case strings.HasPrefix(name, "y_"):
				want = true
			case strings.HasPrefix(name, "n_"):
				want = false
			case strings.HasPrefix(name, "i_"):
				want = strictValid(data)
				t.Logf("implementation-defined: jsontext valid=%v, jsonscan error=%v", want, err)
			default:
				t.Skipf("not a y_, n_ or i_ case")
			}
			if got := err == nil; got != want {
				t.Fatalf("accepted=%v (error %v), want accepted=%v", got, err, want)
			}
			var se *jsonvalue.SyntaxError
			if err != nil && !errors.As(err, &se) {
				t.Fatalf("error %T %v, want *jsonvalue.SyntaxError", err, err)
			}
			if got := q.ScanReader(strings.NewReader(string(data)), NopHandler{}) == nil; got != want {
				t.Fatalf("ScanReader accepted=%v, want %v", got, want)
			}
			if len(data) < 4096 {
				checkScan(t, data)
			}
			if err == nil {
				accepted++
			}
		})
	}
}
