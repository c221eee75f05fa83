package parser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/segsync/segsync/parser"
)

// TestCaptureBudgetFollowsTheLastOccurrence: the capture budget counts the
// occurrence of a repeated name that the payload keeps, the last one, as every
// other rule does.
func TestCaptureBudgetFollowsTheLastOccurrence(t *testing.T) {
	prog := compileJSON(t, templateSpec, parser.WithLimits(parser.Limits{MaxCaptureBytes: 1 << 10, MaxMembers: 10}))
	for _, tt := range []struct {
		payload string
		status  int
	}{
		{`{"environmentId":"` + strings.Repeat("e", 1100) + `","environmentId":"e","c":"c","n":"n","add":["u"]}`, 200},
		{`{"environmentId":"` + strings.Repeat("e", 600) + `","add":["` + strings.Repeat("u", 500) + `"],"environmentId":"e","c":"c","n":"n"}`, 200},
		{`{"environmentId":"e","environmentId":"` + strings.Repeat("e", 1100) + `","c":"c","n":"n","add":["u"]}`, 413},
	} {
		resp, _, err := prog.Respond([]byte(tt.payload), parser.ResponseOptions{})
		assert.Equal(t, tt.status, resp.Status, "%v", err)
	}
}
