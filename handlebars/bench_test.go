package handlebars

import (
	"testing"

	"github.com/segsync/segsync/jsonvalue"
)

// manifestTemplate is the shape of a manifest's jsonResponseBody, extended
// with a loop over the request's members.
const manifestTemplate = `{ "environmentId": "{{requestBody.environmentId}}", "contextKind": "{{requestBody.contextKind}}", "projectKey": "{{projectKey}}", "envKey": "{{environmentKey}}", "segmentKey": "{{segmentKey}}", "segmentUrl": "{{segmentUrl}}",
  "members": [{{#each requestBody.members}}"{{id}}"{{#unless @last}}, {{/unless}}{{/each}}],
  {{#if errorMessage}}"status":"failure", "error": {"message": "{{{errorMessage}}}", "code": {{statusCode}} }{{else}}"status": "success"{{/if}} }`

func benchData(b *testing.B) any {
	v, err := jsonvalue.Decode([]byte(`{
		"requestBody": {"environmentId": "env-123", "contextKind": "user",
			"members": [{"id": "user-1"}, {"id": "user-2"}, {"id": "user \"3\""}, {"id": "user-4"}]},
		"statusCode": 400, "errorMessage": "payload is invalid: \"members\" must not be empty",
		"projectKey": "default", "environmentKey": "env-123", "segmentKey": "int-c1",
		"segmentUrl": "https://app.launchdarkly.com/default/production/segments/int-c1/targeting"}`), 0)
	if err != nil {
		b.Fatal(err)
	}
	return v
}

func BenchmarkRender(b *testing.B) {
	tmpl, err := Parse(manifestTemplate, WithFrameworkHelpers())
	if err != nil {
		b.Fatal(err)
	}
	data := benchData(b)
	out, err := tmpl.Render(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.Render(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse is the baseline cost that Render avoids by parsing once.
func BenchmarkParse(b *testing.B) {
	b.SetBytes(int64(len(manifestTemplate)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(manifestTemplate, WithFrameworkHelpers()); err != nil {
			b.Fatal(err)
		}
	}
}
