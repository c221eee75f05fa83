package bench

import (
	"github.com/segsync/segsync/parser"
)

// requestParsers are the requestParser objects of the partners' manifests
// (LaunchDarkly's integration-framework manifests for Amplitude, RudderStack and
// Zeotap), as they read the shapes.
var requestParsers = map[Shape]string{
	Amplitude:   `{"environmentIdPath":"/environmentId","cohortIdPath":"/batch/0/cohortId","cohortNamePath":"/batch/0/cohortName","cohortUrlPath":"/batch/0/cohortUrl","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/userId","booleanMembershipPath":"/value","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName"}}`,
	Rudderstack: `{"environmentIdPath":"/environmentId","contextKindPath":"/contextKind","cohortIdPath":"/cohortId","cohortNamePath":"/cohortName","cohortUrlPath":"/cohortUrl","addMemberArrayPath":"/listData/add","removeMemberArrayPath":"/listData/remove","memberArrayParser":{"memberIdPath":"/id"}}`,
	Zeotap:      `{"environmentIdPath":"/parameters/integration_project_id","cohortIdPath":"/parameters/integration_cohort_id","cohortNamePath":"/parameters/integration_cohort_name","arrayInclusion":{"path":"/action","matcher":"^(members|add_members)$"},"memberArrayPath":"/parameters/members","memberArrayParser":{"memberIdPath":"/integration_distinct_id"}}`,
}

// Program compiles the shape's manifest with limits that let a payload of up to
// maxMembers members and maxBytes bytes through.
func Program(s Shape, maxMembers int, maxBytes int64) (*parser.Program, error) {
	m := `{"name":"bench","capabilities":{"syncedSegment":{"requestParser":` + requestParsers[s] + `}}}`
	return parser.CompileJSON([]byte(m), parser.WithIntegrationKey(string(s)),
		parser.WithLimits(parser.Limits{MaxBytes: maxBytes, MaxMembers: maxMembers}))
}
