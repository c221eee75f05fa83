package handlebars

import (
	"fmt"
	"testing"
)

func TestContextPaths(t *testing.T) {
	tests := []struct {
		src      string
		want     string
		complete bool
	}{
		{`{"a": 1}`, `[]`, true},
		{`{{requestBody.a.b}} {{statusCode}}`, `[[requestBody a b] [statusCode]]`, true},
		{`{{requestBody.a.b}} {{requestBody.a}}`, `[[requestBody a]]`, true},
		{`{{#with requestBody.p}}{{x}}{{#if y}}{{z.[0]}}{{else}}{{w}}{{/if}}{{/with}}`, `[[requestBody p]]`, true},
		{`{{#each requestBody.batch}}{{userId}}{{@index}}{{/each}}{{requestBody.x}}`, `[[requestBody batch] [requestBody x]]`, true},
		{`{{#equal requestBody.a "x"}}{{requestBody.b}}{{else}}{{c}}{{/equal}}`, `[[c] [requestBody a] [requestBody b]]`, true},
		{`{{#if errorMessage}}{{errorMessage}}{{else if requestBody.q}}{{/if}}`, `[[errorMessage] [requestBody q]]`, true},
		{`{{this}} {{#with this}}{{requestBody.k}}{{/with}}`, `[[requestBody k]]`, true},
		{`{{requestBody}}`, `[[requestBody]]`, true},
		{`{{#with requestBody}}{{../statusCode}}{{/with}}`, ``, false},
		{`{{@root.requestBody.a}}`, ``, false},
		{`{{#each this}}{{x}}{{/each}}`, ``, false},
		{`{{#other requestBody}}{{x}}{{/other}}`, ``, false},
	}
	other := Helper{Params: 1, Fn: func(b *Block, _ []any) error { return b.Fn(b.This()) }}
	for _, tt := range tests {
		tmpl, err := Parse(tt.src, WithFrameworkHelpers(), WithHelper("other", other))
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		paths, complete := tmpl.ContextPaths()
		if complete != tt.complete {
			t.Errorf("%s: complete = %v, want %v", tt.src, complete, tt.complete)
			continue
		}
		if !complete {
			continue
		}
		if got := fmt.Sprint(paths); got != tt.want && !(got == "[]" && tt.want == "[]") {
			t.Errorf("%s: paths = %s, want %s", tt.src, got, tt.want)
		}
	}
}
