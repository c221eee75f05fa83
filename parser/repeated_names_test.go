package parser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
)

// TestRepeatedNamesMemory: a name that a payload repeats replaces what its earlier
// occurrences held (the last one wins), and what it replaced is let go while the
// payload streams: a stream of member values, override values or member arrays
// under one repeated name costs what the result keeps, not what the payload holds.
func TestRepeatedNamesMemory(t *testing.T) {
	const spec = `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":"/id","cohortIdPath":"/cid"}}}`
	big := strings.Repeat("x", 60<<10) // within MaxValueBytes: each occurrence is kept
	const n = 300                      // 18 MB of repeated values
	tests := []struct {
		name                 string
		prefix, unit, suffix string
		add                  []string
		remove               []string
	}{
		{"a member ID", `{"e":"e","c":"c","n":"n","add":[{`, `"id":"` + big + `",`, `"id":"u"}]}`, []string{"u"}, []string{}},
		{"a member's cohort override", `{"e":"e","c":"c","n":"n","add":[{"id":"u",`, `"cid":"` + big + `",`, `"cid":"c"}]}`, []string{"u"}, []string{}},
		{"a member array", `{"e":"e","c":"c","n":"n",`, `"add":[{"id":"` + big + `"}],`, `"add":[{"id":"u"}]}`, []string{"u"}, []string{}},
		{"both member arrays, alternating", `{"e":"e","c":"c","n":"n",`, `"add":[{"id":"` + big + `"}],"remove":[{"id":"` + big[1:] + `"}],`, `"add":[{"id":"u"}],"remove":[{"id":"v"}]}`, []string{"u"}, []string{"v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, spec) // a fresh Program: no pooled memory to reuse
			var res *parser.Result
			var err error
			got := allocated(func() { res, err = prog.ParseReader(repeatReader(tt.prefix, tt.unit, n, tt.suffix)) })
			require.NoError(t, err)
			require.Len(t, res.Segments, 1)
			assert.Equal(t, tt.add, res.Segments[0].Add.Strings())
			assert.Equal(t, tt.remove, res.Segments[0].Remove.Strings())
			assert.Less(t, got, uint64(4<<20), "allocated %d bytes for a %d-byte payload", got, n*len(tt.unit))
		})
	}
}
