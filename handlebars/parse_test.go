package handlebars

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseIsLinear parses templates made of many short texts that parsing
// joins (around comments, escaped mustaches, whitespace control): the memory
// it allocates, unlike its time a deterministic measure, must stay
// proportional to the template's size. Joining the texts one by one
// allocated gigabytes for these.
func TestParseIsLinear(t *testing.T) {
	for _, unit := range []string{"ab{{!}}", `ab\{{`, "a {{~! x ~}} ", `\{{a}}`} {
		t.Run(unit, func(t *testing.T) {
			src := strings.Repeat(unit, (256<<10)/len(unit))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			tmpl, err := Parse(src)
			runtime.ReadMemStats(&after)
			require.NoError(t, err)
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes allocated for %d bytes of template", allocated, len(src))
			assert.Less(t, allocated, uint64(400*len(src)), "Parse allocated %d bytes for %d bytes of template", allocated, len(src))
			_, err = tmpl.Render(nil)
			require.NoError(t, err)
		})
	}
}
