package handlebars

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStringIndexByUTF16: strings are indexed by UTF-16 code unit as in
// JavaScript. Half of a surrogate pair cannot be held by a Go string, and
// should not be put in a JSON string: it is U+FFFD, where Handlebars.js
// gives the lone surrogate.
func TestStringIndexByUTF16(t *testing.T) {
	got, err := render(t, `{{s.length}}:{{s.[0]}}|{{s.[1]}}|{{s.[2]}}|{{s.[3]}}|{{s.[4]}}|{{s.[5]}}|`, map[string]any{"s": "é😀a\u2028"})
	require.NoError(t, err)
	assert.Equal(t, "5:é|\uFFFD|\uFFFD|a|\\u2028||", got)
}
