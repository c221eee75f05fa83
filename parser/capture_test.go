package parser_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/parser"
)

// readAll reads r whole.
func readAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return b
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// templateSpec reads the environment ID of the payload in its template, as the
// public manifest example-synced-segment-integration2 does.
const templateSpec = `{"requestParser":{"environmentIdPath":"/environmentId","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
 "jsonResponseBody":"{\"env\":\"{{requestBody.environmentId}}\",\"n\":\"{{requestBody.add.length}}\",\"msg\":\"{{errorMessage}}\"}"}`

// TestCaptureBudget: what a response template reads of a payload is bounded by
// MaxCaptureBytes; past it the answer is 413 too_large at the pointer of the part
// that passed it, never a 500, with Respond and RespondReader alike, and only the
// template's reads count (Parse is not affected).
func TestCaptureBudget(t *testing.T) {
	prog := compileJSON(t, templateSpec, parser.WithLimits(parser.Limits{MaxCaptureBytes: 1 << 10, MaxMembers: 10}))
	tests := []struct {
		name    string
		payload string
		status  int
		pointer jsonpath.Pointer
		parse   parser.Code // Parse's verdict, "" when it accepts the payload
	}{
		{"within the budget", `{"environmentId":"e","c":"c","n":"n","add":["u1"]}`, 200, "", ""},
		{"a large array where the template reads a scalar",
			`{"environmentId":[` + strings.Repeat(`1,`, 1000) + `1],"c":"c","n":"n","add":["u1"]}`, 413, "/environmentId", parser.CodeWrongType},
		{"a long string where the template reads it",
			`{"environmentId":"` + strings.Repeat("e", 1100) + `","c":"c","n":"n","add":["u1"]}`, 413, "/environmentId", ""},
		{"a repeated name frees what it replaces",
			`{"environmentId":"` + strings.Repeat("e", 900) + `","environmentId":"e","c":"c","n":"n","add":["` + strings.Repeat("u", 500) + `"]}`, 200, "", ""},
		{"invalid JSON beats the budget",
			`{"environmentId":[` + strings.Repeat(`1,`, 1000) + `1],"c":`, 400, "", parser.CodeInvalidJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, respond := range []struct {
				name string
				run  func([]byte) (*parser.Response, *parser.Result, error)
			}{
				{"Respond", func(b []byte) (*parser.Response, *parser.Result, error) {
					return prog.Respond(b, parser.ResponseOptions{})
				}},
				{"RespondReader", func(b []byte) (*parser.Response, *parser.Result, error) {
					return prog.RespondReader(bytes.NewReader(b), parser.ResponseOptions{}, nil)
				}},
			} {
				resp, _, err := respond.run([]byte(tt.payload))
				require.Equal(t, tt.status, resp.Status, "%s: %s", respond.name, resp.Body)
				if tt.status == 413 {
					var perr *parser.Error
					require.True(t, errors.As(err, &perr), "%s: %v", respond.name, err)
					assert.Equal(t, parser.CodeTooLarge, perr.Code)
					assert.Equal(t, tt.pointer, perr.Pointer)
					assert.Equal(t, "jsonResponseBody", perr.Field)
					assert.Contains(t, string(resp.Body), `"env":""`, "the template renders without the payload's reads")
				}
			}
			_, err := prog.Parse([]byte(tt.payload))
			if tt.parse == "" {
				require.NoError(t, err)
			} else {
				var perr *parser.Error
				require.True(t, errors.As(err, &perr), "%v", err)
				assert.Equal(t, tt.parse, perr.Code)
			}
		})
	}
}

// TestCaptureBudgetWholeBody: a template that reads the whole payload limits
// Respond to payloads within the budget.
func TestCaptureBudgetWholeBody(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/environmentId","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"n\":\"{{#each requestBody}}{{@key}}{{/each}}\"}"}`, parser.WithLimits(parser.Limits{MaxCaptureBytes: 100}))
	resp, _, _ := prog.Respond([]byte(`{"environmentId":"e","c":"c","n":"n"}`), parser.ResponseOptions{})
	assert.Equal(t, `{"n":"environmentIdcn"}`, string(resp.Body))
	resp, _, err := prog.Respond([]byte(`{"environmentId":"e","c":"c","n":"n","pad":"`+strings.Repeat("p", 100)+`"}`), parser.ResponseOptions{})
	assert.Equal(t, 413, resp.Status)
	assert.Equal(t, "too_large at payload (jsonResponseBody): the response template reads more than 100 bytes of the payload", err.Error())
}

// TestCaptureAttackMemory: a 64 MiB array where the template reads a scalar costs
// what the program keeps, not what the payload holds.
func TestCaptureAttackMemory(t *testing.T) {
	prog := compileJSON(t, templateSpec)
	const n = 16 << 20 // elements of "1,": 32 MiB
	var resp *parser.Response
	var err error
	got := allocated(func() {
		resp, _, err = prog.RespondReader(repeatReader(`{"c":"c","n":"n","add":["u1"],"environmentId":[`, `1,`, n, `1]}`), parser.ResponseOptions{}, nil)
	})
	require.Equal(t, 413, resp.Status, "%v", err)
	assert.Equal(t, jsonpath.Pointer("/environmentId"), err.(*parser.Error).Pointer)
	assert.Less(t, got, uint64(4<<20), "allocated %d bytes for a %d-byte payload", got, 2*n)
}

// TestValueTooLongStreams: a value longer than MaxValueBytes is validated while it
// streams, not held, and judged in the order of the rules.
func TestValueTooLongStreams(t *testing.T) {
	prog := compileJSON(t, robustSpec)
	const n = 32 << 20
	tests := []struct {
		name                 string
		prefix, unit, suffix string
		code                 parser.Code
		pointer              jsonpath.Pointer
	}{
		{"a cohort name", `{"e":"e","c":"c","add":["u1"],"n":"`, `x`, `"}`, parser.CodeTooLarge, "/n"},
		{"a number", `{"e":"e","c":"c","add":["u1"],"n":1`, `0`, `}`, parser.CodeTooLarge, "/n"},
		{"an escaped member ID", `{"e":"e","c":"c","n":"n","add":["u1","`, `\u0041`, `"]}`, parser.CodeTooLarge, "/add/1"},
		{"a missing environment ID comes first", `{"c":"c","add":["u1"],"n":"`, `x`, `"}`, parser.CodeMissing, "/e"},
		{"invalid JSON after it comes first", `{"e":"e","c":"c","add":["u1"],"n":"`, `x`, `"`, parser.CodeInvalidJSON, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			got := allocated(func() { _, err = prog.ParseReader(repeatReader(tt.prefix, tt.unit, n/int64(len(tt.unit)), tt.suffix)) })
			var perr *parser.Error
			require.True(t, errors.As(err, &perr), "%v", err)
			assert.Equal(t, tt.code, perr.Code)
			assert.Equal(t, tt.pointer, perr.Pointer)
			assert.Less(t, got, uint64(4<<20), "allocated %d bytes", got)
		})
	}
	// Parse over the same bytes gives the same verdicts.
	for _, tt := range tests[:2] {
		_, err := prog.Parse(readAll(t, repeatReader(tt.prefix, tt.unit, 1<<17, tt.suffix)))
		assert.Equal(t, tt.pointer, err.(*parser.Error).Pointer)
	}
}

// TestErrorLocations: errors placed in the payload's bytes carry the offset as a
// field, and wrap sentinel causes for errors.Is, whichever way the payload is read.
func TestErrorLocations(t *testing.T) {
	prog := compileJSON(t, robustSpec, parser.WithLimits(parser.Limits{MaxDepth: 3, MaxBytes: 100}))
	tests := []struct {
		name    string
		payload string
		code    parser.Code
		offset  int64
		cause   error // nil: none to test
	}{
		{"truncated", `{"e":"e","add":[`, parser.CodeInvalidJSON, 16, io.ErrUnexpectedEOF},
		{"a bad byte", `{"e":"e",]`, parser.CodeInvalidJSON, 9, nil},
		{"too deep", `{"e":[[[1]]]}`, parser.CodeTooLarge, 7, jsonvalue.ErrTooDeep},
		{"too many bytes", `{"e":"` + strings.Repeat("x", 100) + `"}`, parser.CodeTooLarge, 100, nil},
		{"placed by pointer", `{"e":"e","c":"c","n":""}`, parser.CodeInvalidValue, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err1 := prog.Parse([]byte(tt.payload))
			_, err2 := prog.ParseReader(strings.NewReader(tt.payload))
			for _, err := range []error{err1, err2} {
				var perr *parser.Error
				require.True(t, errors.As(err, &perr), "%v", err)
				assert.Equal(t, tt.code, perr.Code)
				assert.Equal(t, tt.offset, perr.Offset)
				if tt.cause != nil {
					assert.ErrorIs(t, err, tt.cause)
				}
			}
		})
	}
}

// TestRenderLimitIsPayloadError: a payload that makes the template pass its render
// limits (here the output size, through a loop over what the template reads) is
// answered 413 too_large, never 500, and no result is returned as accepted.
func TestRenderLimitIsPayloadError(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"ids\": \"{{#each requestBody.add}}{{#each ../requestBody.add}}{{this}}{{/each}}{{/each}}\"}"}`)
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = `"` + strings.Repeat("u", 20) + `"`
	}
	resp, res, err := prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":[`+strings.Join(ids, ",")+`]}`), parser.ResponseOptions{})
	require.Equal(t, 413, resp.Status, "%s", resp.Body)
	assert.Nil(t, res)
	var perr *parser.Error
	require.True(t, errors.As(err, &perr), "%v", err)
	assert.Equal(t, parser.CodeTooLarge, perr.Code)
	assert.Equal(t, "jsonResponseBody", perr.Field)
	assert.Error(t, resp.RenderErr)
}

// TestCaptureBudgetArrayLength: an array whose length is all the template reads of
// it is counted, not held: a batch of 20,000 members renders its count within the
// default budget, and an object's "length" member is still its own.
func TestCaptureBudgetArrayLength(t *testing.T) {
	prog := compileJSON(t, templateSpec)
	ids := make([]string, 20_000)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"user-%08d"`, i)
	}
	payload := `{"environmentId":"e","c":"c","n":"n","add":[` + strings.Join(ids, ",") + `]}`
	var resp *parser.Response
	var err error
	got := allocated(func() { resp, _, err = prog.Respond([]byte(payload), parser.ResponseOptions{}) })
	require.NoError(t, err)
	assert.Equal(t, 200, resp.Status)
	assert.Contains(t, string(resp.Body), `"n":"20000"`)
	assert.Less(t, got, uint64(4<<20), "allocated %d bytes for a %d-byte payload", got, len(payload))

	for payload, want := range map[string]string{
		`{"environmentId":"e","c":"c","n":"n","add":{"length":"seven"}}`: `"n":"seven"`, // an object's member (add then holds no members: rejected)
		`{"environmentId":"e","c":"c","n":"n","add":"héllo"}`:            `"n":"5"`,     // a string's length (add is not an array: rejected)
		`{"environmentId":"e","c":"c","n":"n","add":[]}`:                 `"n":"0"`,
	} {
		resp, _, _ := prog.Respond([]byte(payload), parser.ResponseOptions{})
		assert.Contains(t, string(resp.Body), want, payload)
	}
}

// TestCaptureBudgetIndexedArrayLength: an array read both by index and for its
// length is built at its length, 16 bytes an element charged to the budget.
func TestCaptureBudgetIndexedArrayLength(t *testing.T) {
	prog := compileJSON(t, `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"first\":\"{{requestBody.add.[0]}}\",\"n\":\"{{requestBody.add.length}}\"}"}`, parser.WithLimits(parser.Limits{MaxCaptureBytes: 1 << 10}))
	resp, _, err := prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":["a","b","c"]}`), parser.ResponseOptions{})
	require.NoError(t, err)
	assert.Equal(t, `{"first":"a","n":"3"}`, string(resp.Body))
	resp, _, err = prog.Respond([]byte(`{"e":"e","c":"c","n":"n","add":[`+strings.Repeat(`"u",`, 100)+`"u"]}`), parser.ResponseOptions{})
	assert.Equal(t, 413, resp.Status, "%v", err)
	var perr *parser.Error
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, jsonpath.Pointer("/add"), perr.Pointer)
}
