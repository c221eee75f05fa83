package parser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
)

// TestRenderLimitOfAnErrorAnswer: when the answer to a rejected payload passes
// the template's render limits, the answer keeps the payload's error: its status
// and the default body naming it, the same error RespondWith returns, rather than
// a 413 "too large" body beside a returned 400 error (a log or metric built on the
// error would disagree with the wire). An apply failure is told the same way.
func TestRenderLimitOfAnErrorAnswer(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"ids\": \"{{#each requestBody.add}}{{#each ../requestBody.add}}{{this}}{{/each}}{{/each}}{{#if errorMessage}}{{#each requestBody.add}}{{#each ../requestBody.add}}{{this}}{{/each}}{{/each}}{{/if}}\"}"}`)
	add := func(n int) string { // n members of 20 bytes: n*n*20 bytes for each loop
		ids := make([]string, n)
		for i := range ids {
			ids[i] = `"` + strings.Repeat("u", 20) + `"`
		}
		return `"add":[` + strings.Join(ids, ",") + `]`
	}

	// A payload error: missing /e.
	resp, res, err := prog.Respond([]byte(`{"c":"c","n":"n",`+add(300)+`}`), parser.ResponseOptions{})
	var perr *parser.Error
	require.True(t, errors.As(err, &perr), "%v", err)
	assert.Nil(t, res)
	assert.Equal(t, parser.CodeMissing, perr.Code)
	assert.Equal(t, perr.Status, resp.Status)
	assert.Equal(t, string(parser.DefaultErrorBody(perr)), string(resp.Body))
	assert.Error(t, resp.RenderErr)

	// An accepted payload whose success answer renders (one loop, 800 KB, within
	// the 1 MiB output limit) but whose apply fails: the error answer renders the
	// loop twice and passes the limit.
	resp, res, err = prog.RespondWith([]byte(`{"e":"e","c":"c","n":"n",`+add(200)+`}`), parser.ResponseOptions{}, func(*parser.Result) error { return errors.New("store down") })
	require.True(t, errors.As(err, &perr), "%v", err)
	assert.Nil(t, res)
	assert.Equal(t, parser.CodeInternal, perr.Code)
	assert.Equal(t, 500, resp.Status)
	assert.Equal(t, string(parser.DefaultErrorBody(perr)), string(resp.Body))
}
