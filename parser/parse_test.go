package parser_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/parser"
)

// Specs modelled on the three shapes partners use.
const (
	booleanSpec = `{"requestParser":{"environmentIdPath":"/environmentId","contextKindPath":"/contextKind","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","cohortUrlPath":"/batch/0/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName"}}}`
	namedSpec   = `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/segment/id","cohortNamePath":"/segment/name","addMemberArrayPath":"/data/add","removeMemberArrayPath":"/data/remove","memberArrayParser":{"memberIdPath":"/id"}}}`
	actionSpec  = `{"requestParser":{"environmentIdPath":"/parameters/project","contextKindPath":"/contextKind","cohortIdPath":"/parameters/cohort_id","cohortNamePath":"/parameters/cohort_name","arrayInclusion":{"path":"/action","matcher":"^(members|add_members)$"},"memberArrayPath":"/parameters/members","memberArrayParser":{"memberIdPath":"/distinct_id"}}}`
	rootSpec    = `{"requestParser":{"environmentIdPath":"/0/env","cohortIdPath":"/0/cohort","cohortNamePath":"/0/name","memberArrayPath":"","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/in"}}}`
	elementSpec = `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`
)

type wantErr struct {
	code    parser.Code
	pointer string
	field   string
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		payload string
		want    string   // the result's JSON, when the payload is accepted
		err     *wantErr // the error, when it is not
	}{
		// Boolean mode.
		{
			name:    "boolean add and remove",
			spec:    booleanSpec,
			payload: `{"environmentId":"env1","batch":[{"userId":"u1","value":true,"cohortId":"c1","cohortName":"One","cohortUrl":"https://x/c1"},{"userId":"u2","value":false,"cohortId":"c1","cohortName":"One"}]}`,
			want:    `{"environmentId":"env1","contextKind":"user","segments":[{"cohortId":"c1","cohortName":"One","cohortUrl":"https://x/c1","segmentKey":"k-c1","add":["u1"],"remove":["u2"]}]}`,
		},
		{
			name:    "boolean false removes",
			spec:    booleanSpec,
			payload: `{"environmentId":"env1","contextKind":"device","batch":[{"userId":"d1","value":false,"cohortId":"c1","cohortName":"One"}]}`,
			want:    `{"environmentId":"env1","contextKind":"device","segments":[{"cohortId":"c1","cohortName":"One","segmentKey":"k-c1","add":[],"remove":["d1"]}]}`,
		},
		{
			name:    "per-member cohorts in order of first appearance",
			spec:    booleanSpec,
			payload: `{"environmentId":"e","batch":[{"userId":"u1","value":true,"cohortId":"c1","cohortName":"One"},{"userId":"u2","value":true,"cohortId":"c3","cohortName":"Three"},{"userId":"u3","value":true,"cohortId":"c2","cohortName":"Two"},{"userId":"u4","value":false,"cohortId":"c3","cohortName":"Renamed"}]}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"c1","cohortName":"One","segmentKey":"k-c1","add":["u1"],"remove":[]},{"cohortId":"c3","cohortName":"Three","segmentKey":"k-c3","add":["u2"],"remove":["u4"]},{"cohortId":"c2","cohortName":"Two","segmentKey":"k-c2","add":["u3"],"remove":[]}]}`,
		},
		{
			name:    "last operation wins, order of first appearance kept",
			spec:    booleanSpec,
			payload: `{"environmentId":"e","batch":[{"userId":"a","value":true,"cohortId":"c","cohortName":"C"},{"userId":"b","value":true},{"userId":"a","value":false},{"userId":"b","value":true},{"userId":"c","value":false},{"userId":"c","value":true}]}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":["b","c"],"remove":["a"]}]}`,
		},
		{
			name:    "numbers as IDs keep their literal text",
			spec:    booleanSpec,
			payload: `{"environmentId":12345678901234567890,"batch":[{"userId":1.0,"value":true,"cohortId":-0,"cohortName":1e400},{"userId":0,"value":true}]}`,
			want:    `{"environmentId":"12345678901234567890","contextKind":"user","segments":[{"cohortId":"-0","cohortName":"1e400","segmentKey":"k--0","add":["1.0","0"],"remove":[]}]}`,
		},
		{
			name:    "escapes and unicode",
			spec:    booleanSpec,
			payload: `{"environmentId":"e\u0301","batch":[{"userId":"\ud83d\ude00 \"q\" \\ \n","value":true,"cohortId":"c/1~","cohortName":"caf\u00e9"}]}`,
			want:    `{"environmentId":"e\u0301","contextKind":"user","segments":[{"cohortId":"c/1~","cohortName":"caf\u00e9","segmentKey":"k-c/1~","add":["\ud83d\ude00 \"q\" \\ \n"],"remove":[]}]}`,
		},
		{
			name:    "duplicate keys: the last wins",
			spec:    booleanSpec,
			payload: `{"environmentId":"first","environmentId":"last","batch":[{"userId":"x","value":false,"value":true,"cohortId":"c","cohortName":"C"}],"batch":[{"userId":"y","userId":"z","value":true,"cohortId":"c","cohortName":"C"}]}`,
			want:    `{"environmentId":"last","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":["z"],"remove":[]}]}`,
		},
		{
			name:    "member without override joins the top-level cohort",
			spec:    booleanSpec,
			payload: `{"environmentId":"e","batch":[{"userId":"u1","value":true,"cohortId":"c","cohortName":"C"},{"userId":"u2","value":true,"cohortId":null}]}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":["u1","u2"],"remove":[]}]}`,
		},
		// Boolean mode errors, in the fixed order.
		{name: "no environment", spec: booleanSpec, payload: `{"batch":[{"userId":1,"value":true,"cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeMissing, "/environmentId", "environmentIdPath"}},
		{name: "null environment", spec: booleanSpec, payload: `{"environmentId":null,"batch":[]}`, err: &wantErr{parser.CodeMissing, "/environmentId", "environmentIdPath"}},
		{name: "environment before cohort", spec: booleanSpec, payload: `{"environmentId":true,"batch":[]}`, err: &wantErr{parser.CodeWrongType, "/environmentId", "environmentIdPath"}},
		{name: "empty environment", spec: booleanSpec, payload: `{"environmentId":"","batch":[{"userId":"","value":true,"cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeInvalidValue, "/environmentId", "environmentIdPath"}},
		{name: "empty context kind", spec: booleanSpec, payload: `{"environmentId":"e","contextKind":"","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeInvalidValue, "/contextKind", "contextKindPath"}},
		{name: "object context kind", spec: booleanSpec, payload: `{"environmentId":"e","contextKind":{},"batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeWrongType, "/contextKind", "contextKindPath"}},
		{name: "empty batch has no cohort", spec: booleanSpec, payload: `{"environmentId":"e","batch":[]}`, err: &wantErr{parser.CodeMissing, "/batch/0/cohortId", "cohortIdPath"}},
		{name: "cohort name array", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":["C"]}]}`, err: &wantErr{parser.CodeWrongType, "/batch/0/cohortName", "cohortNamePath"}},
		{name: "empty cohort url", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C","cohortUrl":""}]}`, err: &wantErr{parser.CodeInvalidValue, "/batch/0/cohortUrl", "cohortUrlPath"}},
		{name: "batch not an array", spec: booleanSpec, payload: `{"environmentId":"e","batch":{"0":{"cohortId":"c","cohortName":"C"}}}`, err: &wantErr{parser.CodeWrongType, "/batch", "memberArrayPath"}},
		{name: "member without ID", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},{"value":true}]}`, err: &wantErr{parser.CodeMissing, "/batch/1/userId", "memberArrayParser.memberIdPath"}},
		{name: "member not an object", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},"u2"]}`, err: &wantErr{parser.CodeMissing, "/batch/1/userId", "memberArrayParser.memberIdPath"}},
		{name: "null member", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},null]}`, err: &wantErr{parser.CodeMissing, "/batch/1/userId", "memberArrayParser.memberIdPath"}},
		{name: "boolean as string", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":"true","cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeWrongType, "/batch/0/value", "memberArrayParser.booleanMembershipPath"}},
		{name: "boolean missing", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeMissing, "/batch/0/value", "memberArrayParser.booleanMembershipPath"}},
		{name: "member ID before its boolean", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":{},"value":1,"cohortId":"c","cohortName":"C"}]}`, err: &wantErr{parser.CodeWrongType, "/batch/0/userId", "memberArrayParser.memberIdPath"}},
		{name: "first offending member", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},{"userId":"v","value":2},{"userId":""}]}`, err: &wantErr{parser.CodeWrongType, "/batch/1/value", "memberArrayParser.booleanMembershipPath"}},
		{name: "override cohort empty", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},{"userId":"v","value":true,"cohortId":""}]}`, err: &wantErr{parser.CodeInvalidValue, "/batch/1/cohortId", "memberArrayParser.cohortIdPath"}},
		{name: "override name wrong type", spec: booleanSpec, payload: `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"},{"userId":"v","value":true,"cohortName":false}]}`, err: &wantErr{parser.CodeWrongType, "/batch/1/cohortName", "memberArrayParser.cohortNamePath"}},
		{name: "top-level error before member error", spec: booleanSpec, payload: `{"batch":[{"userId":{},"value":true,"cohortId":"c","cohortName":"C"}],"environmentId":"e","contextKind":7.5e0,"contextKind":[]}`, err: &wantErr{parser.CodeWrongType, "/contextKind", "contextKindPath"}},
		// Named arrays.
		{
			name:    "named arrays: add then remove",
			spec:    namedSpec,
			payload: `{"env":"e","segment":{"id":"s1","name":"S"},"data":{"add":[{"id":"a"},{"id":"b"}],"remove":[{"id":"a"},{"id":"c"}]}}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"s1","cohortName":"S","segmentKey":"k-s1","add":["b"],"remove":["a","c"]}]}`,
		},
		{
			name:    "named arrays: remove listed first in the document",
			spec:    namedSpec,
			payload: `{"data":{"remove":[{"id":"a"}],"add":[{"id":"a"}]},"env":"e","segment":{"id":"s1","name":"S"}}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"s1","cohortName":"S","segmentKey":"k-s1","add":[],"remove":["a"]}]}`,
		},
		{
			name:    "named arrays: absent and null arrays are empty",
			spec:    namedSpec,
			payload: `{"env":"e","segment":{"id":"s1","name":"S"},"data":{"remove":null}}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"s1","cohortName":"S","segmentKey":"k-s1","add":[],"remove":[]}]}`,
		},
		{name: "named arrays: add not an array", spec: namedSpec, payload: `{"env":"e","segment":{"id":"s1","name":"S"},"data":{"add":"a"}}`, err: &wantErr{parser.CodeWrongType, "/data/add", "addMemberArrayPath"}},
		{name: "named arrays: remove member error", spec: namedSpec, payload: `{"env":"e","segment":{"id":"s1","name":"S"},"data":{"add":[{"id":"a"}],"remove":[{"id":"b"},{"id":true}]}}`, err: &wantErr{parser.CodeWrongType, "/data/remove/1/id", "memberArrayParser.memberIdPath"}},
		{name: "named arrays: add error before remove error", spec: namedSpec, payload: `{"env":"e","segment":{"id":"s1","name":"S"},"data":{"remove":[{"id":[]}],"add":[{}]}}`, err: &wantErr{parser.CodeMissing, "/data/add/0/id", "memberArrayParser.memberIdPath"}},
		{
			name:    "element is the ID",
			spec:    elementSpec,
			payload: `{"env":"e","c":"c","n":"N","add":["u1",2,"u3"],"remove":["u3"]}`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"c","cohortName":"N","segmentKey":"k-c","add":["u1","2"],"remove":["u3"]}]}`,
		},
		{name: "element ID null", spec: elementSpec, payload: `{"env":"e","c":"c","n":"N","add":["u1",null]}`, err: &wantErr{parser.CodeMissing, "/add/1", "memberArrayParser.memberIdPath"}},
		{name: "element ID object", spec: elementSpec, payload: `{"env":"e","c":"c","n":"N","remove":[{"id":"x"}]}`, err: &wantErr{parser.CodeWrongType, "/remove/0", "memberArrayParser.memberIdPath"}},
		// Action mode.
		{
			name:    "action matches: add",
			spec:    actionSpec,
			payload: `{"action":"add_members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"d1"},{"distinct_id":"d2"}]}}`,
			want:    `{"environmentId":"p","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":["d1","d2"],"remove":[]}]}`,
		},
		{
			name:    "action does not match: remove",
			spec:    actionSpec,
			payload: `{"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"d1"}]},"action":"remove_members"}`,
			want:    `{"environmentId":"p","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":[],"remove":["d1"]}]}`,
		},
		{
			name:    "action number matched as its text",
			spec:    strings.Replace(actionSpec, `^(members|add_members)$`, `^1\\.50$`, 1),
			payload: `{"action":1.50,"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"d1"}]}}`,
			want:    `{"environmentId":"p","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":["d1"],"remove":[]}]}`,
		},
		{
			name:    "action boolean matched as its text",
			spec:    strings.Replace(actionSpec, `^(members|add_members)$`, `true`, 1),
			payload: `{"action":true,"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`,
			want:    `{"environmentId":"p","contextKind":"user","segments":[{"cohortId":"c","cohortName":"C","segmentKey":"k-c","add":[],"remove":[]}]}`,
		},
		{name: "action missing", spec: actionSpec, payload: `{"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`, err: &wantErr{parser.CodeMissing, "/action", "arrayInclusion.path"}},
		{name: "action object", spec: actionSpec, payload: `{"action":{},"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[]}}`, err: &wantErr{parser.CodeWrongType, "/action", "arrayInclusion.path"}},
		{name: "action members missing", spec: actionSpec, payload: `{"action":"members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C"}}`, err: &wantErr{parser.CodeMissing, "/parameters/members", "memberArrayPath"}},
		{name: "action before members", spec: actionSpec, payload: `{"action":null,"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":7}}`, err: &wantErr{parser.CodeMissing, "/action", "arrayInclusion.path"}},
		// The member array at the root, overlapping the top-level pointers.
		{
			name:    "root member array",
			spec:    rootSpec,
			payload: `[{"env":"e","cohort":"c","name":"N","id":"u1","in":true},{"id":"u2","in":false}]`,
			want:    `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"c","cohortName":"N","segmentKey":"k-c","add":["u1"],"remove":["u2"]}]}`,
		},
		{name: "root is not an array", spec: rootSpec, payload: `{"0":{"env":"e","cohort":"c","name":"N"}}`, err: &wantErr{parser.CodeWrongType, "", "memberArrayPath"}},
		// Payloads that are not JSON.
		{name: "empty payload", spec: booleanSpec, payload: ``, err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "unfinished array", spec: booleanSpec, payload: `[`, err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "unfinished object", spec: booleanSpec, payload: `{"a":`, err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "trailing garbage", spec: booleanSpec, payload: `{} x`, err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "invalid UTF-8", spec: booleanSpec, payload: "{\"environmentId\":\"\xff\"}", err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "lone surrogate", spec: booleanSpec, payload: `{"environmentId":"\ud800"}`, err: &wantErr{parser.CodeInvalidJSON, "", ""}},
		{name: "too deep", spec: booleanSpec, payload: strings.Repeat("[", 600) + strings.Repeat("]", 600), err: &wantErr{parser.CodeTooLarge, "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, tt.spec, parser.WithIntegrationKey("k"))
			for _, via := range []string{"Parse", "ParseReader"} {
				var res *parser.Result
				var err error
				if via == "Parse" {
					res, err = prog.Parse([]byte(tt.payload))
				} else {
					res, err = prog.ParseReader(strings.NewReader(tt.payload))
				}
				if tt.err != nil {
					var perr *parser.Error
					require.True(t, errors.As(err, &perr), "%s: want error %v, got %v, %v", via, tt.err, res, err)
					assert.Equal(t, *tt.err, wantErr{perr.Code, perr.Pointer.String(), perr.Field}, "%s: %v", via, perr)
					assert.Equal(t, perr.Code.Status(), perr.Status)
					assert.NotEmpty(t, perr.Message)
					continue
				}
				require.NoError(t, err, via)
				got, err := json.Marshal(res)
				require.NoError(t, err)
				assert.JSONEq(t, tt.want, string(got), via)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	prog := compileJSON(t, elementSpec, parser.WithLimits(parser.Limits{MaxBytes: 100, MaxMembers: 2, MaxValueBytes: 4, MaxDepth: 3}))
	for _, tt := range []struct {
		name    string
		payload string
		err     wantErr
	}{
		{"bytes", `{"env":"e","c":"c","n":"N","add":["` + strings.Repeat("x", 100) + `"]}`, wantErr{parser.CodeTooLarge, "", ""}},
		{"members", `{"env":"e","c":"c","n":"N","add":["a","b"],"remove":["c"]}`, wantErr{parser.CodeTooLarge, "/remove", "removeMemberArrayPath"}},
		{"value length", `{"env":"e","c":"c","n":"N","add":["abcde"]}`, wantErr{parser.CodeTooLarge, "/add/0", "memberArrayParser.memberIdPath"}},
		{"depth", `{"env":"e","c":"c","n":"N","add":[[[1]]]}`, wantErr{parser.CodeTooLarge, "", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, parse := range []func() (*parser.Result, error){
				func() (*parser.Result, error) { return prog.Parse([]byte(tt.payload)) },
				func() (*parser.Result, error) { return prog.ParseReader(strings.NewReader(tt.payload)) },
			} {
				_, err := parse()
				var perr *parser.Error
				require.True(t, errors.As(err, &perr), "got %v", err)
				assert.Equal(t, tt.err, wantErr{perr.Code, perr.Pointer.String(), perr.Field})
				assert.Equal(t, 413, perr.Status)
			}
		})
	}
	res, err := prog.Parse([]byte(`{"env":"e","c":"c","n":"N","add":["abcd"]}`))
	require.NoError(t, err, "values at the limit pass")
	assert.Equal(t, []string{"abcd"}, res.Segments[0].Add.Strings())
}

func TestEmptyListsAreArrays(t *testing.T) {
	prog := compileJSON(t, namedSpec)
	res, err := prog.Parse([]byte(`{"env":"e","segment":{"id":"s","name":"S"},"data":{}}`))
	require.NoError(t, err)
	got, err := json.Marshal(res)
	require.NoError(t, err)
	assert.Equal(t, `{"environmentId":"e","contextKind":"user","segments":[{"cohortId":"s","cohortName":"S","add":[],"remove":[]}]}`, string(got))
}

func TestMaxDepthCeiling(t *testing.T) {
	prog := compileJSON(t, elementSpec, parser.WithLimits(parser.Limits{MaxDepth: 1 << 20}))
	assert.Equal(t, jsonvalue.MaxDepthCeiling, prog.Limits().MaxDepth, "the effective limit is reported")
	_, err := prog.Parse([]byte(strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)))
	var perr *parser.Error
	require.True(t, errors.As(err, &perr))
	assert.Equal(t, parser.CodeTooLarge, perr.Code)
}
