package fuzz

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

func s(v string) *string { return &v }

// fuzzLimits are small enough that fuzzed payloads reach every limit.
var fuzzLimits = parser.Limits{MaxBytes: 4096, MaxDepth: 8, MaxMembers: 12, MaxValueBytes: 24}

// refSpecs are the specs every payload target runs: one per mode, and nasty ones.
var refSpecs = []*refSpec{
	{
		Name: "boolean with overrides",
		Env:  s("/env"), Kind: s("/kind"), CohortID: s("/cohort/id"), CohortName: s("/cohort/name"), CohortURL: s("/cohort/url"),
		MemberArray: s("/batch"), MemberID: s("/user/id"), Boolean: s("/in"),
		MemberCohortID: s("/cohort/id"), MemberName: s("/cohort/name"),
		IntegrationKey: "bool",
	},
	{
		Name: "action",
		Env:  s("/config/env"), Kind: s("/config/kind"), CohortID: s("/config/cid"), CohortName: s("/config/cname"),
		MemberArray: s("/config/members"), MemberID: s("/distinct_id"),
		ActionPath: s("/action"), Matcher: s("^(add|upsert)_members$|^true$|^1"),
		IntegrationKey: "act",
	},
	{
		Name: "named arrays of bare IDs",
		Env:  s("/e"), CohortID: s("/c"), CohortName: s("/n"), CohortURL: s("/u"),
		AddArray: s("/add"), RemoveArray: s("/remove"), MemberID: s(""),
	},
	{
		Name: "root member array",
		Env:  s("/0/env"), CohortID: s("/0/cid"), CohortName: s("/0/cname"),
		MemberArray: s(""), MemberID: s("/id"), ActionPath: s("/0/action"), Matcher: s("add"),
		Boolean: s("/ignored"), // action wins; a warning
	},
	{
		Name: "cohort inside the member array",
		Env:  s("/env"), CohortID: s("/batch/0/cohort"), CohortName: s("/batch/0/name"),
		MemberArray: s("/batch"), MemberID: s("/id"), Boolean: s("/in"),
		MemberCohortID: s("/cohort"),
		IntegrationKey: "ovl",
	},
	{
		Name: "escaped tokens",
		Env:  s("/a~1b"), Kind: s("/~0k"), CohortID: s("/c~01"), CohortName: s("/"), CohortURL: s("//"),
		AddArray: s("/m~1a"), RemoveArray: s("/m~1r"), MemberID: s("/i~1d"),
		MemberCohortID: s("/~0c"), MemberName: s("/~1n"),
	},
	{
		Name: "same array added and removed",
		Env:  s("/e"), CohortID: s("/c"), CohortName: s("/n"),
		AddArray: s("/m"), RemoveArray: s("/m"), MemberID: s("/id"), MemberName: s("/name"), MemberCohortID: s("/cid"),
		IntegrationKey: "same",
	},
	{
		Name: "whole payload is every value",
		Env:  s(""), Kind: s(""), CohortID: s(""), CohortName: s(""), CohortURL: s(""),
		AddArray: s("/a"), RemoveArray: s("/0"), MemberID: s(""),
	},
	{
		Name: "member ID is the array index path",
		Env:  s("/e"), CohortID: s("/c"), CohortName: s("/n"),
		MemberArray: s("/m"), MemberID: s("/0"), Boolean: s("/1"), MemberCohortID: s("/2"), MemberName: s("/3"),
	},
}

func init() {
	for _, rs := range refSpecs {
		rs.Limits = fuzzLimits
	}
}

// manifest returns the manifest JSON of the spec.
func (s *refSpec) manifest() []byte {
	rp := map[string]any{}
	set := func(m map[string]any, k string, v *string) {
		if v != nil {
			m[k] = *v
		}
	}
	set(rp, "environmentIdPath", s.Env)
	set(rp, "contextKindPath", s.Kind)
	set(rp, "cohortIdPath", s.CohortID)
	set(rp, "cohortNamePath", s.CohortName)
	set(rp, "cohortUrlPath", s.CohortURL)
	set(rp, "memberArrayPath", s.MemberArray)
	set(rp, "addMemberArrayPath", s.AddArray)
	set(rp, "removeMemberArrayPath", s.RemoveArray)
	if s.ActionPath != nil {
		rp["arrayInclusion"] = map[string]any{"path": *s.ActionPath, "matcher": *s.Matcher}
	}
	mp := map[string]any{}
	set(mp, "memberIdPath", s.MemberID)
	set(mp, "booleanMembershipPath", s.Boolean)
	set(mp, "cohortIdPath", s.MemberCohortID)
	set(mp, "cohortNamePath", s.MemberName)
	rp["memberArrayParser"] = mp
	doc := map[string]any{"name": s.Name, "capabilities": map[string]any{"syncedSegment": map[string]any{"requestParser": rp}}}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

// compiledOnce returns a getter of the programs build makes, built once for the
// whole test binary; a build error fails every test that asks for them.
func compiledOnce(what string, build func() ([]*parser.Program, error)) func(testing.TB) []*parser.Program {
	get := sync.OnceValues(build)
	return func(tb testing.TB) []*parser.Program {
		tb.Helper()
		progs, err := get()
		if err != nil {
			tb.Fatalf("%s: %v", what, err)
		}
		return progs
	}
}

// compiledSpecs returns the program of each of refSpecs, compiled once.
var compiledSpecs = compiledOnce("compiling the fuzz specs", func() ([]*parser.Program, error) {
	var progs []*parser.Program
	for _, rs := range refSpecs {
		m, err := spec.ParseManifest(rs.manifest())
		if err != nil {
			return nil, err
		}
		p, err := parser.Compile(m, parser.WithIntegrationKey(rs.IntegrationKey), parser.WithLimits(rs.Limits))
		if err != nil {
			return nil, err
		}
		if p.Mode() != rs.mode() {
			return nil, fmt.Errorf("spec %s compiled to mode %s", rs.Name, p.Mode())
		}
		progs = append(progs, p)
	}
	return progs, nil
})

// payloadSeeds are realistic payloads for the specs above, and broken ones.
var payloadSeeds = []string{
	`{"env":"e1","kind":"user","cohort":{"id":"c1","name":"C1","url":"https://x"},"batch":[{"user":{"id":"u1"},"in":true},{"user":{"id":2},"in":false,"cohort":{"id":"c2","name":"Two"}},{"user":{"id":"u1"},"in":false}]}`,
	`{"env":"e1","cohort":{"id":"c1","name":"C1"},"batch":[{"user":{"id":"u1"},"in":"yes"}]}`,
	`{"env":"e1","cohort":{"id":"c1","name":"C1"},"batch":[{"user":{"id":""},"in":true}]}`,
	`{"env":"e1","cohort":{"id":"c1","name":"C1"},"batch":{}}`,
	`{"action":"add_members","config":{"env":"p","kind":"account","cid":"1184302","cname":"Big","members":[{"distinct_id":"a"},{"distinct_id":"b"},{"distinct_id":12345678901234567890}]}}`,
	`{"action":"remove_members","config":{"env":"p","cid":1.0,"cname":"Big","members":[{"distinct_id":"a"},{"distinct_id":-0}]}}`,
	`{"action":true,"config":{"env":"p","cid":"c","cname":"n","members":[]}}`,
	`{"action":1e400,"config":{"env":"p","cid":"c","cname":"n","members":[{"distinct_id":"x"}]}}`,
	`{"e":"env","c":"c1","n":"C","add":["u1","u2",3],"remove":["u2"]}`,
	`{"e":"env","c":"c1","n":"C","add":null}`,
	`{"e":"env","c":"c1","n":"C","add":["u1",{"x":1}],"remove":[""]}`,
	`[{"env":"e","cid":"c","cname":"n","action":"add","id":"self"},{"id":"u2"},"u3",null]`,
	`{"env":"e","batch":[{"cohort":"c9","name":"N","in":true},{"in":false}]}`,
	`{"a/b":"e","~k":"k","c~1":"c","":"n","m/a":[{"i/d":"x","~c":"o","/n":"O"}],"m/r":[{"i/d":"x"}]}`,
	`{"e":"e","c":"c","n":"n","m":[{"id":"a"},{"id":"b","cid":"z","name":"Z"},{"id":"a","cid":"c"}]}`,
	`"whole"`,
	`7`,
	`{"e":"e","c":"c","n":"n","m":[["id1",true,"co","name"],["id2",false],["id3","true"]]}`,
	`{"env":"e1","env":"e2","cohort":{"id":"c1","name":"C1"},"cohort":{"id":"c3","name":"C3"},"batch":[{"user":{"id":"u1","id":"u9"},"in":true,"in":false}]}`,
	`{"e":"\u0000","c":"\ud83d\ude00","n":"caf\u00e9","add":["\u00e9","e\u0301"]}`,
	`{"e":"e","c":"c","n":"n","add":["` + "\xff" + `"]}`,
	`{"e":"e","c":"c","n":"n","add":["\ud800"]}`,
	`[[[[[[[[[[]]]]]]]]]]`,
	`{"e":"e","c":"c","n":"n","add":[1,2,3,4,5,6,7,8,9,10,11,12,13]}`,
	`{"e":"e","c":"c","n":"n","add":[1,2,3,4,5,6,7],"remove":[8,9,10,11,12,13]}`,
	`{"e":"e","c":"c","n":"n","add":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}`,
	`{"e":"e","c":"c","n":"n","add":[""],"remove":[1,2,3,4,5,6,7,8,9,10,11,12,13]}`,
	`{"e":"e","c":"c","n":"n"} x`,
	``,
	` `,
	`{"e":"e","c":"c","n":"n","add":[1],}`,
	"\xef\xbb\xbf{}",
	// Found by the differential target (fixed in 231110c, 97dbc86, cf44e7c).
	`{"e":"e","c":"c","n":"n","add":["",1,2,3,4,5,6,7,8,9,10,11,12,13]}`,
	"x" + strings.Repeat(" ", 5000),
	`[[[[[[[{[`,
	`[[[[[[[{"a"[`,
}
