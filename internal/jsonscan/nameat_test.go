package jsonscan

import (
	"strings"
	"testing"
)

// TestNameAtEdges holds the first-member fast path (nameAt) to the careful path
// on the first names of objects it must leave to skipMembers or read whole:
// escaped and non-ASCII names, names a path needs but for a byte, whitespace
// around the colon, names of 64 bytes and more, a repeated first name, values
// that are not plain, and inputs cut at every byte of the first member.
func TestNameAtEdges(t *testing.T) {
	long := strings.Repeat("u", 70)
	docs := []string{
		`{"batch":[{"userId":"a","value":true},{"\u0075serId":"b"},{"userI\u0064":"c"}]}`,
		`{"batch":[{"userId" :"a"},{"userId": "b"},{"userId":` + "\n" + `"c"},{ "userId":"d"}]}`,
		`{"batch":[{"userIdx":"a","userI":"b","userId":"c"},{"usérId":"d","userId":"e"}]}`,
		`{"batch":[{"userId":"a","userId":"b"},{"value":true,"value":false,"userId":1}]}`,
		`{"batch":[{"userId":{"x":1},"value":[true]},{"userId":"a"` + `}]}`,
		`{"batch":[{"` + long + `":"a","userId":"b"},{"cohortName":"n","cohortId":"c"}]}`,
		`{"environmentId":"e","parameters":{"project":"p"},"action":"a"}`,
		`{"batch":[{"userId":"\u00e9\ud83d\ude00","value":true}]}`,
	}
	for _, d := range docs {
		checkFastVsCareful(t, []byte(d))
		at := max(strings.Index(d, `[{`), 0)
		for i := at; i < len(d) && i < at+40; i++ {
			checkFastVsCareful(t, []byte(d[:i]))
			checkFastVsCareful(t, []byte(d[:i]+"\xff"+d[i+1:]))
		}
	}
}
