package parser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/spec"
)

// diffSpecs are the specs the fast path is checked on against the reference
// evaluator: every mode, a member array at the root, the element as the ID,
// top-level pointers that reach into the member array, cohort overrides, two
// member arrays that are the same array or nested in one another, and small
// limits so that every limit is reached by short payloads.
var diffSpecs = []struct {
	name   string
	spec   string
	limits Limits
}{
	{"boolean", `{"requestParser":{"environmentIdPath":"/environmentId","contextKindPath":"/contextKind","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","cohortUrlPath":"/batch/0/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName"}}}`, Limits{}},
	{"boolean-small-limits", `{"requestParser":{"environmentIdPath":"/environmentId","contextKindPath":"/contextKind","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","cohortUrlPath":"/batch/0/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName"}}}`, Limits{MaxDepth: 4, MaxMembers: 3, MaxValueBytes: 4}},
	{"named", `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/segment/id","cohortNamePath":"/segment/name","addMemberArrayPath":"/data/add","removeMemberArrayPath":"/data/remove","memberArrayParser":{"memberIdPath":"/id"}}}`, Limits{}},
	{"named-small-limits", `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/segment/id","cohortNamePath":"/segment/name","addMemberArrayPath":"/data/add","removeMemberArrayPath":"/data/remove","memberArrayParser":{"memberIdPath":"/id","cohortIdPath":"/c"}}}`, Limits{MaxDepth: 5, MaxMembers: 3, MaxValueBytes: 3}},
	{"action", `{"requestParser":{"environmentIdPath":"/parameters/project","contextKindPath":"/contextKind","cohortIdPath":"/parameters/cohort_id","cohortNamePath":"/parameters/cohort_name","arrayInclusion":{"path":"/action","matcher":"^(members|add_members)$"},"memberArrayPath":"/parameters/members","memberArrayParser":{"memberIdPath":"/distinct_id"}}}`, Limits{}},
	{"action-small-limits", `{"requestParser":{"environmentIdPath":"/parameters/project","cohortIdPath":"/parameters/cohort_id","cohortNamePath":"/parameters/cohort_name","arrayInclusion":{"path":"/action","matcher":"a"},"memberArrayPath":"/parameters/members","memberArrayParser":{"memberIdPath":"/distinct_id"}}}`, Limits{MaxDepth: 3, MaxMembers: 2, MaxValueBytes: 2}},
	{"root", `{"requestParser":{"environmentIdPath":"/0/env","cohortIdPath":"/0/cohort","cohortNamePath":"/0/name","memberArrayPath":"","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/in"}}}`, Limits{}},
	{"element-id", `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`, Limits{MaxMembers: 4}},
	{"same-array", `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/a/1","cohortNamePath":"/a/0","addMemberArrayPath":"/a","removeMemberArrayPath":"/a","memberArrayParser":{"memberIdPath":"","cohortIdPath":"/0"}}}`, Limits{MaxMembers: 5}},
	{"nested-arrays", `{"requestParser":{"environmentIdPath":"/a/0/e","cohortIdPath":"/a/0/x/0","cohortNamePath":"/a","addMemberArrayPath":"/a","removeMemberArrayPath":"/a/0/x","memberArrayParser":{"memberIdPath":"/0","cohortNamePath":"/x"}}}`, Limits{MaxMembers: 6, MaxValueBytes: 6}},
	{"overrides-everywhere", `{"requestParser":{"environmentIdPath":"/b/0","contextKindPath":"/b/1/k","cohortIdPath":"/c","cohortNamePath":"/b/0/n","cohortUrlPath":"/b","memberArrayPath":"/b","arrayInclusion":{"path":"/b/0/a","matcher":"^t"},"memberArrayParser":{"memberIdPath":"/i","cohortIdPath":"/c","cohortNamePath":"/n"}}}`, Limits{}},
}

var diffPrograms = sync.OnceValues(func() ([]*Program, error) {
	var progs []*Program
	for _, s := range diffSpecs {
		m, err := spec.ParseSyncedSegment([]byte(s.spec))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		p, err := Compile(m, WithIntegrationKey("k"), WithLimits(s.limits))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		if p.query == nil {
			return nil, fmt.Errorf("%s: no scan query", s.name)
		}
		progs = append(progs, p)
	}
	return progs, nil
})

var diffSeeds = []string{
	`{"environmentId":"env1","batch":[{"userId":"u1","value":true,"cohortId":"c1","cohortName":"One","cohortUrl":"https://x/c1"},{"userId":"u2","value":false,"cohortId":"c1","cohortName":"One"}]}`,
	`{"environmentId":"e","batch":[{"userId":"a","value":true,"cohortId":"c","cohortName":"C"},{"userId":"b","value":true},{"userId":"a","value":false},{"userId":"b","value":true,"cohortId":"d"},{"userId":"c","value":false},{"userId":"c","value":true}]}`,
	`{"environmentId":"first","environmentId":"last","batch":[{"userId":"x","value":false,"value":true,"cohortId":"c","cohortName":"C"}],"batch":[{"userId":"y","userId":"z","value":true,"cohortId":"c","cohortName":"C"}]}`,
	`{"environmentId":12345678901234567890,"batch":[{"userId":1.0,"value":true,"cohortId":-0,"cohortName":1e400},{"userId":0,"value":true}]}`,
	`{"environmentId":"e\u0301","batch":[{"userId":"\ud83d\ude00 \"q\" \\ \n","value":true,"cohortId":"c/1~","cohortName":"caf\u00e9"}]}`,
	`{"batch":[{"userId":{},"value":true,"cohortId":"c","cohortName":"C"}],"environmentId":"e","contextKind":7.5e0,"contextKind":[]}`,
	`{"env":"e","segment":{"id":"s1","name":"S"},"data":{"add":[{"id":"a"},{"id":"b","c":"x"}],"remove":[{"id":"a"},{"id":"c"}]}}`,
	`{"data":{"remove":[{"id":"a"}],"add":[{"id":"a"},{"id":"a"},{"id":"b"}],"remove":[{"id":"b"}]},"env":"e","segment":{"id":"s1","name":"S"}}`,
	`{"env":"e","segment":{"id":"s1","name":"S"},"data":{"remove":null,"add":"x"}}`,
	`{"env":"e","c":"c","n":"N","add":["u1",2,"u3",null],"remove":["u3",{}]}`,
	`{"action":"add_members","parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"d1"},{"distinct_id":"d2"},{"distinct_id":"d1"}]}}`,
	`{"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":[{"distinct_id":"d1"}]},"action":"remove_members","action":true}`,
	`{"action":1.50,"parameters":{"project":"p","cohort_id":"c","cohort_name":"C","members":7}}`,
	`[{"env":"e","cohort":"c","name":"N","id":"u1","in":true},{"id":"u2","in":false},{"id":"u1","in":false}]`,
	`{"e":"x","a":["n","c",["c","d"],"a",1,"a"]}`,
	`{"a":[{"e":"x","x":["c","y"],"0":"m"},{"0":"m","x":"N"},{"x":[],"0":"q"}]}`,
	`{"c":"top","b":[{"0":"env","n":"nm","a":"t","i":"u","c":"c2"},{"k":"kind","i":"v","c":"top"},{"i":"u","c":"c2","n":"other"}]}`,
	// More distinct cohorts than a linear scan interns, and repeated override names.
	`{"environmentId":"e","batch":[{"userId":"u0","value":false,"cohortId":"c0","cohortName":"N0"},{"userId":"u1","value":true,"cohortId":"c1","cohortName":"N1"},{"userId":"u2","value":true,"cohortId":"c2","cohortName":"N2"},{"userId":"r","cohortId":"c1","cohortName":"A","cohortId":"c12","value":true,"cohortName":"c3","cohortName":"B"},{"userId":"u3","value":false,"cohortId":"c3","cohortName":"N3"},{"userId":"u4","value":true,"cohortId":"c4","cohortName":"N0"},{"userId":"u5","value":true,"cohortId":"c5","cohortName":"N1"},{"userId":"u6","value":false,"cohortId":"c6","cohortName":"N2"},{"userId":"u7","value":true,"cohortId":"c7","cohortName":"N3"},{"userId":"u8","value":true,"cohortId":"c8","cohortName":"N0"},{"userId":"u9","value":false,"cohortId":"c9","cohortName":"N1"},{"userId":"u10","value":true,"cohortId":"c0","cohortName":"N2"},{"userId":"u0","value":true,"cohortId":"c1","cohortName":"N3"},{"userId":"u1","value":false,"cohortId":"c2","cohortName":"N0"},{"userId":"u2","value":true,"cohortId":"c3","cohortName":"N1"},{"userId":"u0","value":true,"cohortId":"c9","cohortId":"c0","cohortName":"N9"}]}`,
	`{"environmentId":"e","batch":[[[[[]]]]]}`,
	`[[[[[[[[[[[[]]]]]]]]]]]]`,
	`{"environmentId":"e","batch":[{"userId":"\u0000\u0000\u0000\u0000\u0000","value":true,"cohortId":"c","cohortName":"C"}]}`,
	"{\"environmentId\":\"\xff\"}",
	`{"a":1} x`,
	`{"batch":[{"userId":"u",`,
	``,
	` `,
}

// FuzzFastVsReference runs arbitrary payloads through the fast path (Parse, and
// ParseReader with small reads) and through the reference evaluator (a decoded
// tree walked by the reference builder) for every spec of diffSpecs, and requires
// the same result, or the same error code, pointer and field.
func FuzzFastVsReference(f *testing.F) {
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		progs, err := diffPrograms()
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range progs {
			checkFastVsReference(t, diffSpecs[i].name, p, payload)
		}
	})
}

func checkFastVsReference(t *testing.T, name string, p *Program, payload []byte) {
	t.Helper()
	want, wantErr := p.evalReference(bytes.NewReader(payload))
	got, err := p.Parse(payload)
	compareVerdicts(t, name+": Parse", payload, want, wantErr, got, err)
	got, err = p.ParseReader(iotest.HalfReader(bytes.NewReader(payload)))
	compareVerdicts(t, name+": ParseReader", payload, want, wantErr, got, err)
	if len(payload) < 256 {
		got, err = p.ParseReader(iotest.OneByteReader(bytes.NewReader(payload)))
		compareVerdicts(t, name+": ParseReader(one byte)", payload, want, wantErr, got, err)
	}
}

func compareVerdicts(t *testing.T, what string, payload []byte, want *Result, wantErr error, got *Result, err error) {
	t.Helper()
	if (wantErr == nil) != (err == nil) {
		t.Fatalf("%s(%q):\nreference: %v %v\nfast:      %v %v", what, payload, resultString(want), wantErr, resultString(got), err)
	}
	if err != nil {
		var we, ge *Error
		if !errors.As(wantErr, &we) || !errors.As(err, &ge) {
			t.Fatalf("%s(%q): errors are not *Error: %T, %T", what, payload, wantErr, err)
		}
		if we.Code != ge.Code || we.Pointer != ge.Pointer || we.Field != ge.Field || we.Status != ge.Status {
			t.Fatalf("%s(%q): errors differ\nreference: %v\nfast:      %v", what, payload, we, ge)
		}
		return
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s(%q): results differ\nreference: %v\nfast:      %v", what, payload, resultString(want), resultString(got))
	}
}

// membersForm describes how m holds its IDs, which reflect.DeepEqual compares.
func membersForm(m Members) string {
	return fmt.Sprintf("text=%q ends=%v(nil=%t) long=%t", m.text, m.ends, m.ends == nil, m.long != nil)
}

func resultString(r *Result) string {
	if r == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "env=%q kind=%q", r.EnvironmentID, r.ContextKind)
	for _, s := range r.Segments {
		fmt.Fprintf(&b, " [%q %q url=%q key=%q add=%q(%s) remove=%q(%s)]", s.CohortID, s.CohortName, s.CohortURL, s.SegmentKey, s.Add, membersForm(s.Add), s.Remove, membersForm(s.Remove))
	}
	return b.String()
}

// TestFastVsReferenceSeeds runs the differential check over seedPayloads.
func TestFastVsReferenceSeeds(t *testing.T) {
	progs, err := diffPrograms()
	if err != nil {
		t.Fatal(err)
	}
	for _, payload := range seedPayloads() {
		for i, p := range progs {
			checkFastVsReference(t, diffSpecs[i].name, p, []byte(payload))
		}
	}
}

// TestFastVsReferenceLongLists runs the differential check over the seeds
// with lists past a few bytes (then past 40) in the form of lists past 4 GiB
// (strings): Parse builds both forms, in one result too.
func TestFastVsReferenceLongLists(t *testing.T) {
	progs, err := diffPrograms()
	if err != nil {
		t.Fatal(err)
	}
	for _, max := range []int64{3, 40} {
		t.Run(fmt.Sprint(max), func(t *testing.T) {
			SetMaxMembersText(t, max)
			for _, payload := range seedPayloads() {
				for i, p := range progs {
					checkFastVsReference(t, diffSpecs[i].name, p, []byte(payload))
				}
			}
		})
	}
}

// seedPayloads returns the seeds and a few generated payloads: long values,
// many members, deep nesting.
func seedPayloads() []string {
	payloads := append([]string{}, diffSeeds...)
	var b strings.Builder
	b.WriteString(`{"environmentId":"e","batch":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"userId":"u%d","value":%t,"cohortId":"c%d","cohortName":"n%d"}`, i%37, i%3 == 0, i%5, i%7)
	}
	b.WriteString(`]}`)
	payloads = append(payloads, b.String(),
		`{"environmentId":"`+strings.Repeat("x", 70<<10)+`","batch":[]}`,
		`{"environmentId":"e","batch":[{"userId":"`+strings.Repeat(`\u0041`, 11<<10)+`","value":true}],"batch":[]}`,
		strings.Repeat("[", 600)+strings.Repeat("]", 600),
		strings.Repeat(`{"a":`, 10)+"1"+strings.Repeat("}", 10))
	return payloads
}

// respondTemplates are response templates over the specs of diffSpecs: reads of
// parts of requestBody (through arrays, strings and lengths), of nothing, and of
// the whole body.
var respondTemplates = []string{
	`{"c":"{{requestBody.batch.[0].cohortId}}","n":"{{requestBody.batch.length}}","s":"{{statusCode}}","e":"{{errorMessage}}","k":"{{segmentKey}}","env":"{{environmentKey}}","u":"{{segmentUrl}}"}`,
	`{"x":"{{#with requestBody.data}}{{add.[0].id}}{{/with}}","y":"{{#each requestBody.data.remove}}{{id}},{{@index}}{{/each}}","z":"{{#if requestBody.env}}{{requestBody.env.[1]}}{{/if}}{{requestBody.env.length}}","a":"{{requestBody.[0].env}}{{requestBody.a.[2]}}{{requestBody.a.[1].x}}"}`,
	`{"w":"{{#equal requestBody.action "add_members"}}add{{else}}{{requestBody.parameters.members.[1]}}{{/equal}}","p":"{{requestBody.parameters.project.length}}"}`,
	`{"l":"{{#with requestBody.batch}}{{length}}{{/with}}","m":"{{requestBody.batch.length}}{{requestBody.batch.[2].userId}}{{requestBody.add.length}}{{requestBody.data.add.length}}"}`,
	`{"a":"{{@root.requestBody.environmentId}}"}`,
	`{"b":"{{requestBody}}"}`,
	`{"ok":{{statusCode}} }`,
}

var respondPrograms = sync.OnceValues(func() ([][2]*Program, error) {
	var progs [][2]*Program
	for _, s := range diffSpecs {
		for _, tmpl := range respondTemplates {
			var raw map[string]any
			if err := json.Unmarshal([]byte(s.spec), &raw); err != nil {
				return nil, err
			}
			raw["jsonResponseBody"] = tmpl
			b, _ := json.Marshal(raw)
			m, err := spec.ParseSyncedSegment(b)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.name, err)
			}
			p, err := Compile(m, WithIntegrationKey("k"), WithLimits(s.limits))
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", s.name, tmpl, err)
			}
			if p.respondQuery == nil {
				return nil, fmt.Errorf("%s: %s: no respond query", s.name, tmpl)
			}
			progs = append(progs, [2]*Program{p})
		}
	}
	return progs, nil
})

// FuzzRespondFastVsReference runs arbitrary payloads through Respond (the scan
// with a partial requestBody) and through the reference (the payload decoded
// whole) for every spec of diffSpecs and every template of respondTemplates, and
// requires the same response, result and error.
func FuzzRespondFastVsReference(f *testing.F) {
	for _, s := range diffSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		checkRespondAll(t, payload)
	})
}

// respondReference is Respond over the reference evaluator.
func (p *Program) respondReference(payload []byte, opts ResponseOptions) (*Response, *Result, error) {
	res, pl, err := p.judgeReference(payload)
	return p.respond(res, err, pl, opts), res, err
}

func checkRespondAll(t *testing.T, payload []byte) {
	t.Helper()
	progs, err := respondPrograms()
	if err != nil {
		t.Fatal(err)
	}
	opts := ResponseOptions{ProjectKey: "proj"}
	for _, pp := range progs {
		p := pp[0]
		want, wantRes, wantErr := p.respondReference(payload, opts)
		got, res, err := p.Respond(payload, opts)
		compareVerdicts(t, "Respond", payload, wantRes, wantErr, res, err)
		// The wording of invalid_json messages differs (the decoder's against the
		// scanner's) and may change; the rest of the body may not.
		wantBody, gotBody := string(want.Body), string(got.Body)
		var we, ge *Error
		if errors.As(wantErr, &we) && errors.As(err, &ge) && we.Code == CodeInvalidJSON {
			wantBody = strings.ReplaceAll(wantBody, handlebars.EscapeJSONString(we.Message), "<message>")
			gotBody = strings.ReplaceAll(gotBody, handlebars.EscapeJSONString(ge.Message), "<message>")
		}
		if want.Status != got.Status || wantBody != gotBody || (want.RenderErr == nil) != (got.RenderErr == nil) {
			t.Fatalf("Respond(%q) with %s: responses differ\nreference: %d %s %v\nfast:      %d %s %v", payload, fmt.Sprint(p.body.paths), want.Status, want.Body, want.RenderErr, got.Status, got.Body, got.RenderErr)
		}
	}
}

func TestRespondFastVsReferenceSeeds(t *testing.T) {
	for _, s := range diffSeeds {
		checkRespondAll(t, []byte(s))
	}
	checkRespondAll(t, []byte(`{"environmentId":"e","batch":[{"cohortId":"cc","userId":"u","value":true}],"a":[1,{"x":"y"},"zz"],"parameters":{"project":"p\u00e9","members":["a","b"]},"data":{"add":[{"id":1}],"remove":[{"id":"r"},{"id":"s"}]},"env":"xy"}`))
	checkRespondAll(t, []byte(`[{"env":"e","cohort":"c","name":"n","id":"u","in":true}]`))
}

// TestFastVsReferenceManyRepeats checks the fast path's dedupe table on large
// payloads where most IDs repeat, across both member arrays and across override
// cohorts: 150,000 members with 40,000 distinct IDs.
func TestFastVsReferenceManyRepeats(t *testing.T) {
	byName := diffProgramsByName(t)
	const n = 150_000
	id := func(i int) string { return fmt.Sprintf("u%d", (i*7919)%40_000) }
	var named, boolean strings.Builder
	named.WriteString(`{"env":"e","segment":{"id":"s","name":"S"},"data":{"add":[`)
	boolean.WriteString(`{"environmentId":"e","batch":[`)
	for i := range n {
		if i > 0 {
			boolean.WriteByte(',')
		}
		switch {
		case i == n/2:
			named.WriteString(`],"remove":[`)
		case i > 0:
			named.WriteByte(',')
		}
		fmt.Fprintf(&named, `{"id":%q}`, id(i))
		fmt.Fprintf(&boolean, `{"userId":%q,"value":%t,"cohortId":"c%d","cohortName":"C"}`, id(i), i%3 != 0, i%5)
	}
	named.WriteString(`]}}`)
	boolean.WriteString(`]}`)
	checkFastVsReference(t, "named", byName["named"], []byte(named.String()))
	checkFastVsReference(t, "boolean", byName["boolean"], []byte(boolean.String()))
}

// diffProgramsByName returns diffPrograms by their specs' names.
func diffProgramsByName(t testing.TB) map[string]*Program {
	t.Helper()
	progs, err := diffPrograms()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Program{}
	for i, s := range diffSpecs {
		byName[s.name] = progs[i]
	}
	return byName
}
