package parser_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// compileJSON compiles a bare syncedSegment object, failing the test on any error.
func compileJSON(t *testing.T, syncedSegment string, opts ...parser.Option) *parser.Program {
	t.Helper()
	m, err := spec.ParseSyncedSegment([]byte(syncedSegment))
	require.NoError(t, err)
	prog, err := parser.Compile(m, opts...)
	require.NoError(t, err)
	return prog
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
