package parser_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/spec"
)

// TestLintMemberArrayAtRoot: when the member array is the payload itself
// (memberArrayPath ""), every member path starts with "/" and none is written
// as absolute: member_path_absolute must not fire (it used to, suggesting the
// very pointer the manifest already has).
func TestLintMemberArrayAtRoot(t *testing.T) {
	tests := []struct {
		name string
		spec string
		want []string // "code at pointer"
	}{
		{"boolean mode over a root array",
			`{"requestParser":{"environmentIdPath":"/0/env","cohortIdPath":"/0/cohort","cohortNamePath":"/0/name","memberArrayPath":"","memberArrayParser":{"memberIdPath":"/id","booleanMembershipPath":"/in"}}}`,
			nil},
		{"named arrays, one of them the root",
			`{"requestParser":{"environmentIdPath":"/0/env","cohortIdPath":"/0/cohort","cohortNamePath":"/0/name","addMemberArrayPath":"","removeMemberArrayPath":"/0/remove","memberArrayParser":{"memberIdPath":"/id"}}}`,
			nil},
		{"a member path that repeats a nested array's path still warns",
			`{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/batch","memberArrayParser":{"memberIdPath":"/batch/id","booleanMembershipPath":"/in"}}}`,
			[]string{"member_path_absolute at " + rp + "/memberArrayParser/memberIdPath"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, tt.spec)
			var got []string
			for _, w := range prog.Warnings() {
				got = append(got, string(w.Code)+" at "+w.Pointer)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestLintTemplateNameExcerpt: the excerpt of an unknown template name puts its
// caret under the name in the mustache that reads it, not under the first place
// the same letters appear (a JSON key of the template, or a longer name).
func TestLintTemplateNameExcerpt(t *testing.T) {
	const head = `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/a","removeMemberArrayPath":"/r","memberArrayParser":{"memberIdPath":""}},"jsonResponseBody":`
	tests := []struct {
		name     string
		template string
		at       string // the text the caret must be under: the template from there on
	}{
		{"a JSON key spelt like the name", `{"error": "{{error}}"}`, `error}}"}`},
		{"a block parameter", `{"status": "{{#if status}}x{{/if}}"}`, `status}}x{{/if}}"}`},
		{"inside a longer name first", `{"m": "{{errorMessage}}", "e": "{{error}}"}`, `error}}"}`},
		{"only in a mustache", `{"m": "{{errormessage}}"}`, `errormessage}}"}`},
		{"after this.", `{"error": "{{this.error}}"}`, `error}}"}`},
		{"not a later path's part", `{"e": "{{requestBody.error}}", "f": "{{error}}"}`, `error}}"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := compileJSON(t, head+quote(tt.template)+`}`)
			var w *spec.Problem
			for _, p := range prog.Warnings() {
				if p.Code == spec.CodeUnknownTemplateName {
					w = p
				}
			}
			require.NotNil(t, w, "no unknown_template_name warning: %v", prog.Warnings())
			off := strings.LastIndex(tt.template, tt.at)
			require.GreaterOrEqual(t, off, 0)
			assert.Equal(t, caret.Excerpt(tt.template, off, "    "), w.Excerpt)
		})
	}
}

// TestLintMatcherStatusWords: an unanchored matcher written for an "active" or
// "enabled" status also matches the status that means the member left
// ("inactive", "deactivated", "disabled"): the lint names it. Anchored matchers
// and matchers for other words stay quiet, and so do anchored matchers that
// match the empty value but not every value (they are not matcher_matches_all).
func TestLintMatcherStatusWords(t *testing.T) {
	action := func(matcher string) string {
		return `{"requestParser":{"environmentIdPath":"/env","cohortIdPath":"/cohort","cohortNamePath":"/name","memberArrayPath":"/members","arrayInclusion":{"path":"/status","matcher":` + quote(matcher) + `},"memberArrayParser":{"memberIdPath":"/id"}}}`
	}
	tests := []struct {
		matcher string
		hit     string // a word the message names, "" for no warning
	}{
		{"active", `"inactive"`},
		{"activate", `"deactivate"`},
		{"abled", `"disabled"`},
		{"^(active|enabled)$", ""},
		{"^(add|added)$", ""},
		{"enable", ""},
		{"^(add)?$", ""}, // matches "" and "add" only: not every value
		{"^$|^add$", ""},
	}
	for _, tt := range tests {
		t.Run(tt.matcher, func(t *testing.T) {
			prog := compileJSON(t, action(tt.matcher))
			var msgs []string
			for _, w := range prog.Warnings() {
				msgs = append(msgs, string(w.Code)+": "+w.Message)
			}
			if tt.hit == "" {
				assert.Empty(t, msgs)
				return
			}
			require.Len(t, msgs, 1)
			assert.Contains(t, msgs[0], "matcher_matches_remove")
			assert.Contains(t, msgs[0], tt.hit)
		})
	}
}
