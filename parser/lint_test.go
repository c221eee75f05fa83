package parser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// TestLints pins each warning of a spec that compiles but is almost certainly not
// what its author meant, with a spec that must not get it beside each.
func TestLints(t *testing.T) {
	const head = `"environmentIdPath":"/env","cohortIdPath":"/cohort","cohortNamePath":"/name"`
	action := func(matcher string) string {
		return `{"requestParser":{` + head + `,"memberArrayPath":"/members","arrayInclusion":{"path":"/action","matcher":` + quote(matcher) + `},"memberArrayParser":{"memberIdPath":"/id"}}}`
	}
	tests := []struct {
		name    string
		spec    string
		want    string // "code at pointer", "" for no warning
		message string // a part of the message
	}{
		{"anchored add matcher", action("^add$"), "", ""},
		{"tealium's matcher", action("^(add_member|remove_member)$"), "matcher_matches_remove at " + rp + "/arrayInclusion/matcher", `"remove_member"`},
		{"unanchored short matcher", action("x"), "matcher_matches_remove at " + rp + "/arrayInclusion/matcher", "exit"},
		{"case-insensitive remove", action("[Rr][Ee][Mm][Oo][Vv][Ee]|add"), "matcher_matches_remove at " + rp + "/arrayInclusion/matcher", "remove"},
		{"boolean text", action("true|false"), "matcher_matches_remove at " + rp + "/arrayInclusion/matcher", `"false"`},
		{"unanchored add also matches added", action("add"), "", ""},
		{"matches everything", action(".*"), "matcher_matches_all at " + rp + "/arrayInclusion/matcher", "every action value"},
		{"empty alternative", action("add|"), "matcher_matches_all at " + rp + "/arrayInclusion/matcher", ""},
		{"action inside the member array",
			`{"requestParser":{` + head + `,"memberArrayPath":"/changes","arrayInclusion":{"path":"/changes/0/op","matcher":"^join$"},"memberArrayParser":{"memberIdPath":"/user"}}}`,
			"action_in_member_array at " + rp + "/arrayInclusion/path", "booleanMembershipPath"},
		{"cohort read from the first member is fine",
			`{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId"}}}`,
			"", ""},
		{"member path written as absolute",
			`{"requestParser":{` + head + `,"memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/batch/userId","booleanMembershipPath":"/value"}}}`,
			"member_path_absolute at " + rp + "/memberArrayParser/memberIdPath", `did you mean "/userId"?`},
		{"member path in a named array written as absolute",
			`{"requestParser":{` + head + `,"addMemberArrayPath":"/data/add","removeMemberArrayPath":"/data/remove","memberArrayParser":{"memberIdPath":"/data/remove/id"}}}`,
			"member_path_absolute at " + rp + "/memberArrayParser/memberIdPath", `did you mean "/id"?`},
		{"add and remove arrays are one array",
			`{"requestParser":{` + head + `,"addMemberArrayPath":"/m","removeMemberArrayPath":"/m","memberArrayParser":{"memberIdPath":""}}}`,
			"same_pointer at " + rp + "/removeMemberArrayPath", "addMemberArrayPath"},
		{"environment ID is the cohort ID",
			`{"requestParser":{"environmentIdPath":"/id","cohortIdPath":"/id","cohortNamePath":"/name","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}}}`,
			"same_pointer at " + rp + "/cohortIdPath", "environmentIdPath"},
		{"cohort ID and name from one place is fine",
			`{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/c","cohortNamePath":"/c","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}}}`,
			"", ""},
		{"member ID is its boolean",
			`{"requestParser":{` + head + `,"memberArrayPath":"/m","memberArrayParser":{"memberIdPath":"/v","booleanMembershipPath":"/v"}}}`,
			"same_pointer at " + rp + "/memberArrayParser/booleanMembershipPath", "memberArrayParser.memberIdPath"},
		{"member ID is its cohort",
			`{"requestParser":{` + head + `,"memberArrayPath":"/m","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/v","cohortIdPath":"/id"}}}`,
			"same_pointer at " + rp + "/memberArrayParser/cohortIdPath", "memberArrayParser.memberIdPath"},
		{"template name in the wrong case",
			`{"requestParser":{` + head + `,"addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":"{\"error\": \"{{errormessage}}\"}"}`,
			"unknown_template_name at /capabilities/syncedSegment/jsonResponseBody", `did you mean "errorMessage"?`},
		{"template name misspelt",
			`{"requestParser":{` + head + `,"addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":"{\"k\": \"{{segmentKy}}\"}"}`,
			"unknown_template_name at /capabilities/syncedSegment/jsonResponseBody", `did you mean "segmentKey"?`},
		{"template names inside blocks are the block's",
			`{"requestParser":{` + head + `,"addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":"{\"n\": \"{{#each requestBody.a}}{{id}}{{/each}}{{#with requestBody}}{{env}}{{/with}}\"}"}`,
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, tt.spec)
			var got []string
			var msgs []string
			for _, w := range prog.Warnings() {
				require.Equal(t, spec.SeverityWarning, w.Severity)
				got = append(got, string(w.Code)+" at "+w.Pointer)
				msgs = append(msgs, w.Message)
			}
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Equal(t, []string{tt.want}, got)
			assert.Contains(t, msgs[0], tt.message)
		})
	}
}

// TestInvalidPointerSuggestion: a path written the JSONPath, dotted or bracket way
// is an error whose message gives the pointer it stands for.
func TestInvalidPointerSuggestion(t *testing.T) {
	for path, want := range map[string]string{
		"$.changes":       `did you mean "/changes"?`,
		"audience.id":     `did you mean "/audience/id"?`,
		"$['data'][0].id": `did you mean "/data/0/id"?`,
		"batch[0].cohort": `did you mean "/batch/0/cohort"?`,
		"$..deep":         "",
	} {
		m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":` + quote(path) + `,"cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}}}`))
		require.NoError(t, err)
		_, err = parser.Compile(m)
		require.Error(t, err)
		msg := err.Error()
		if want == "" {
			assert.NotContains(t, msg, "did you mean", path)
			continue
		}
		assert.True(t, strings.Contains(msg, want), "%s: %s", path, msg)
	}
}

// TestMisspeltProperty: a misspelt property is one problem that names the right
// spelling, not also the required field as missing.
func TestMisspeltProperty(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIDPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}}}`))
	require.Error(t, err)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 1, "%v", ps)
	assert.Equal(t, spec.CodeUnknownProperty, ps[0].Code)
	assert.Equal(t, `unknown property "cohortIDPath": did you mean "cohortIdPath"? (allowed here: environmentIdPath, contextKindPath, cohortIdPath, cohortNamePath, cohortUrlPath, memberArrayPath, addMemberArrayPath, removeMemberArrayPath, arrayInclusion, memberArrayParser)`, ps[0].Message)
}

// TestTemplateNotJSONPointsAtTheCause: a template that renders something that is
// not JSON is shown with the caret under what wrote the offending byte: the empty
// interpolation, not the template's first character.
func TestTemplateNotJSONPointsAtTheCause(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"{\"ok\": {{success}}, \"msg\": \"{{errorMessage}}\"}"}`))
	require.NoError(t, err)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 1)
	assert.Equal(t, spec.CodeInvalidTemplate, ps[0].Code)
	lines := strings.Split(ps[0].Excerpt, "\n")
	require.Len(t, lines, 2, ps[0].Excerpt)
	assert.Equal(t, strings.Index(lines[0], "{{success}}"), strings.Index(lines[1], "^"), "\n%s", ps[0].Excerpt)
}

// TestTemplateNotJSONEchoIsSafe: the rendered output a problem quotes is clipped
// and its control characters escaped.
func TestTemplateNotJSONEchoIsSafe(t *testing.T) {
	m, err := spec.ParseSyncedSegment([]byte(`{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},
		"jsonResponseBody":"\u001b[31mred\u202e` + strings.Repeat("x", 300) + `"}`))
	require.NoError(t, err)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.ErrorAs(t, err, &ps)
	msg := ps[0].Message
	assert.NotContains(t, msg, "\x1b")
	assert.NotContains(t, msg, "\u202e")
	assert.Contains(t, msg, `\u001b[31mred\u202e`)
	assert.Less(t, len(msg), 400)
}
