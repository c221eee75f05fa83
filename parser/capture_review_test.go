package parser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/segsync/segsync/parser"
)

// TestCaptureBudgetInnerScalar: a template that reads requestBody.user.name reads
// nothing of a "user" that is a long string (its lookup of name is undefined), so
// the string's length must not make Respond answer 413.
func TestCaptureBudgetInnerScalar(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"name\":\"{{requestBody.user.name}}\"}"}`, parser.WithLimits(parser.Limits{MaxCaptureBytes: 1 << 10}))
	for _, user := range []string{`"` + strings.Repeat("x", 2000) + `"`, strings.Repeat("1", 2000)} {
		resp, _, err := prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":["u"],"user":`+user+`}`), parser.ResponseOptions{})
		assert.Equal(t, 200, resp.Status, "%v", err)
		assert.Equal(t, `{"name":""}`, string(resp.Body))
	}
}

// TestCaptureBudgetInnerScalarIndexed: a template that reads a character of a
// string on the way ({{requestBody.user.[0]}}) still has its text, within the
// budget.
func TestCaptureBudgetInnerScalarIndexed(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"first\":\"{{requestBody.user.[0]}}{{requestBody.user.[1].x}}\"}"}`, parser.WithLimits(parser.Limits{MaxCaptureBytes: 1 << 10}))
	resp, _, err := prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":["u"],"user":"abc"}`), parser.ResponseOptions{})
	assert.Equal(t, 200, resp.Status, "%v", err)
	assert.Equal(t, `{"first":"a"}`, string(resp.Body))
	resp, _, _ = prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":["u"],"user":"`+strings.Repeat("x", 2000)+`"}`), parser.ResponseOptions{})
	assert.Equal(t, 413, resp.Status)
}
