package parser

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/spec"
)

// TestReferenceBuilder pins the reference evaluator on what the shared seeds of
// FuzzFastVsReference do not reach: the first member error wins over a later one,
// and the first interned override name names its segment. The fast path must
// agree.
func TestReferenceBuilder(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/cohort","cohortNamePath":"/name","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v","cohortIdPath":"/c","cohortNamePath":"/cn"}}}`))
	require.NoError(t, err)
	p, err := Compile(m)
	require.NoError(t, err)
	for _, eval := range []struct {
		name string
		run  func([]byte) (*Result, error)
	}{
		{"reference", func(b []byte) (*Result, error) { return p.evalReference(bytes.NewReader(b)) }},
		{"fast", p.Parse},
	} {
		t.Run(eval.name, func(t *testing.T) {
			_, err := eval.run([]byte(`{"env":"e","cohort":"c","name":"n","batch":[{"id":""},{"id":true,"v":true}]}`))
			assert.Equal(t, "invalid_value /batch/0/id", codeAndPointer(err))

			res, err := eval.run([]byte(`{"env":"e","cohort":"c","name":"n","batch":[{"id":"a","v":true,"c":"c2","cn":"N2"},{"id":"b","v":false,"c":"c3"}]}`))
			require.NoError(t, err)
			require.Len(t, res.Segments, 3)
			assert.Equal(t, []string{"n", "N2", "n"}, []string{res.Segments[0].CohortName, res.Segments[1].CohortName, res.Segments[2].CohortName})
		})
	}
}

func codeAndPointer(err error) string {
	e, ok := err.(*Error)
	if !ok {
		return "not a *Error"
	}
	return string(e.Code) + " " + e.Pointer.String()
}
