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

// BenchmarkFrameworkHelpers renders the members through the framework's value
// helpers; its baseline is the same loop interpolating the values as they are.
func BenchmarkFrameworkHelpers(b *testing.B) {
	for _, bc := range []struct{ name, tpl string }{
		{"baseline", `{{#each requestBody.members}}{{id}}/{{id}}/{{id}}:{{statusCode}};{{/each}}`},
		{"helpers", `{{#each requestBody.members}}{{pathEncode id}}/{{queryEncode id}}/{{basicAuthHeaderValue id id}}:{{formatWithOffset ../statusCode 60 'rfc3339'}};{{/each}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tmpl, err := Parse(bc.tpl, WithFrameworkHelpers())
			if err != nil {
				b.Fatal(err)
			}
			data := benchData(b)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tmpl.Render(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
