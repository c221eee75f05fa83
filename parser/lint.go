package parser

import (
	"fmt"
	"slices"
	"strings"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/internal/manifestpath"
	"github.com/segsync/segsync/internal/suggest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// lint reports the warnings of a program that compiled: specs that are valid but
// almost certainly not what their author meant. Each has a stable code and the
// manifest pointer of the field to change.
func (c *compiler) lint(p *Program, src string) {
	rpAt := manifestpath.RequestParser()
	if p.mode == ModeAction {
		c.lintMatcher(p, rpAt.Append("arrayInclusion", "matcher"))
		c.lintActionPath(p, rpAt.Append("arrayInclusion", "path"))
	}
	c.lintMemberPaths(p, rpAt.Append("memberArrayParser"))
	c.lintSamePointers(p, rpAt)
	if p.template != nil {
		c.lintTemplateNames(p, manifestpath.Capability().Append("jsonResponseBody"), src)
	}
}

// removeWords are action values that ask to remove members, in the forms partners
// send them (statuses too: an unanchored "active" also matches "inactive");
// probes adds their common casings, prefixes and suffixes.
var removeWords = []string{
	"remove", "removed", "remove_member", "remove_members", "remove_user", "remove_users",
	"delete", "deleted", "leave", "left", "exit", "exited", "exclude", "excluded",
	"unsubscribe", "unsubscribed", "opt_out", "opted_out", "out", "false", "0",
	"inactive", "deactivate", "deactivated", "disable", "disabled",
}

// removeProbes are the values the matcher lint tries, computed once.
var removeProbes = probes()

// probes returns the remove-like action values the matcher lint tries: the words
// as partners send them first, then their other casings, prefixes and suffixes.
func probes() []string {
	out := slices.Clone(removeWords)
	seen := make(map[string]bool)
	for _, w := range removeWords {
		seen[w] = true
	}
	for _, w := range removeWords {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			for _, x := range []string{v, "member_" + v, "members_" + v, "user_" + v, v + "_member", v + "_members", v + "d",
				strings.ReplaceAll(v, "_", "-"), strings.ReplaceAll(v, "_", "")} {
				if !seen[x] {
					seen[x] = true
					out = append(out, x)
				}
			}
		}
	}
	return out
}

// maxLintedMatcher is the longest matcher (as translated for RE2) that the
// matcher lints probe.
const maxLintedMatcher = 4096

// anyValues are values unlike any action word: a matcher that matches the empty
// string and all of these matches every value (a search for it succeeds
// anywhere), unlike "^(add)?$", which matches the empty string only at the start
// of an empty value.
var anyValues = []string{"remove", "x", "0", " ", "\n"}

// lintMatcher warns about a matcher that matches every value, or a remove-like
// one: with it, a payload that asks to remove its members adds them.
func (c *compiler) lintMatcher(p *Program, at jsonpath.Pointer) {
	// Real matchers are a few dozen bytes; probing a huge one hundreds of times
	// would make compiling it slow, so it is not linted.
	if len(p.matcher.String()) > maxLintedMatcher {
		return
	}
	if p.matcher.MatchString("") && !slices.ContainsFunc(anyValues, func(v string) bool { return !p.matcher.MatchString(v) }) {
		c.Add(spec.SeverityWarning, at, spec.CodeMatcherMatchesAll, "the matcher matches every action value (it matches the empty string, and like JavaScript's RegExp.test it may match anywhere in the value): every payload adds its members")
		return
	}
	var hits []string
	for _, w := range removeProbes {
		if p.matcher.MatchString(w) {
			hits = append(hits, w)
		}
	}
	if len(hits) == 0 {
		return
	}
	more := ""
	if len(hits) > 3 {
		more = fmt.Sprintf(" and %d more", len(hits)-3)
		hits = hits[:3]
	}
	c.Add(spec.SeverityWarning, at, spec.CodeMatcherMatchesRemove, "the matcher also matches remove-like action values (%s%s): a payload sending one of them would add its members, since a match means add; match only the values that add", quoteList(hits), more)
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}

// hasPrefix reports whether ptr is below prefix (strictly longer, with prefix's
// tokens first).
func hasPrefix(ptr, prefix jsonpath.Pointer) bool {
	return strings.HasPrefix(string(ptr), string(prefix)+"/")
}

// lintActionPath warns about an action value read from inside the member array:
// one member's value would decide for the whole batch.
func (c *compiler) lintActionPath(p *Program, at jsonpath.Pointer) {
	action, array := p.top[topAction].ptr, p.arrays[0].ptr
	if hasPrefix(action, array) {
		c.Add(spec.SeverityWarning, at, spec.CodeActionInMemberArray, "arrayInclusion.path %q points inside the member array %q: the action value of one member decides for the whole batch; for an add or remove per member use memberArrayParser.booleanMembershipPath", action, array)
	}
}

// lintMemberPaths warns about a member path written as if absolute: it starts with
// the member array's own path, but member paths are relative to each member.
func (c *compiler) lintMemberPaths(p *Program, at jsonpath.Pointer) {
	for _, mp := range p.member {
		if !mp.set {
			continue
		}
		for _, arr := range p.arrays {
			if arr.ptr.IsRoot() {
				// The payload is the member array: every member path starts
				// with "/", and none is written as absolute.
				continue
			}
			if hasPrefix(mp.ptr, arr.ptr) || mp.ptr == arr.ptr {
				rel := strings.TrimPrefix(string(mp.ptr), string(arr.ptr))
				name := strings.TrimPrefix(mp.field, "memberArrayParser.")
				c.Add(spec.SeverityWarning, at.Append(name), spec.CodeMemberPathAbsolute, "%s %q starts with the member array's path %q, but member paths are relative to each member: did you mean %q?", mp.field, mp.ptr, arr.ptr, rel)
				break
			}
		}
	}
}

// lintSamePointers warns about two fields that read the same place where that
// cannot be meant: the environment ID is neither a cohort nor a member array, the
// action value is not the member array, the add and remove arrays are not one
// array, a member's ID is neither its membership boolean nor its cohort.
func (c *compiler) lintSamePointers(p *Program, rpAt jsonpath.Pointer) {
	type field struct {
		pa path
		at jsonpath.Pointer
	}
	top := func(slot int, name string) field { return field{p.top[slot], rpAt.Append(name)} }
	arrays := make([]field, len(p.arrays))
	for i, a := range p.arrays {
		arrays[i] = field{a, rpAt.Append(a.field)}
	}
	env := top(topEnvironmentID, "environmentIdPath")
	action := field{p.top[topAction], rpAt.Append("arrayInclusion", "path")}
	pairs := [][2]field{
		{env, top(topCohortID, "cohortIdPath")}, {env, top(topCohortName, "cohortNamePath")},
		{env, top(topContextKind, "contextKindPath")}, {env, action},
	}
	for _, a := range arrays {
		pairs = append(pairs, [2]field{env, a}, [2]field{action, a})
	}
	if len(arrays) == 2 {
		pairs = append(pairs, [2]field{arrays[0], arrays[1]})
	}
	mat := rpAt.Append("memberArrayParser")
	memberID := field{p.member[memberID], mat.Append("memberIdPath")}
	pairs = append(pairs,
		[2]field{memberID, {p.member[memberBoolean], mat.Append("booleanMembershipPath")}},
		// Each member would be the only member of a cohort named after it.
		[2]field{memberID, {p.member[memberCohortID], mat.Append("cohortIdPath")}})
	for _, pr := range pairs {
		a, b := pr[0], pr[1]
		if a.pa.set && b.pa.set && a.pa.ptr == b.pa.ptr {
			c.Add(spec.SeverityWarning, b.at, spec.CodeSamePointer, "%s reads the same place as %s (%q): one value cannot be both", b.pa.field, a.pa.field, b.pa.ptr)
		}
	}
}

// contextNames are the names of a response template's context (SEMANTICS §7).
var contextNames = []string{"requestBody", "statusCode", "errorMessage", "projectKey", "environmentKey", "segmentKey", "segmentUrl"}

// lintTemplateNames warns about a template that reads a name its context does not
// have: it renders as empty, which is rarely what was meant.
func (c *compiler) lintTemplateNames(p *Program, at jsonpath.Pointer, src string) {
	paths, _ := p.template.ContextPaths()
	seen := map[string]bool{}
	for _, path := range paths {
		if len(path) == 0 || slices.Contains(contextNames, path[0]) || seen[path[0]] {
			continue
		}
		name := path[0]
		seen[name] = true
		msg := fmt.Sprintf("the template reads %q, which its context does not have (it has %s): it renders as nothing", name, strings.Join(contextNames, ", "))
		if s := suggest.Closest(name, contextNames); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		pr := c.Add(spec.SeverityWarning, at, spec.CodeUnknownTemplateName, "%s", msg)
		if off := mustacheName(src, name); off >= 0 {
			pr.Excerpt = caret.Excerpt(src, off, "    ")
		}
	}
}

// mustacheName returns the offset in a template of the first read of the
// top-level name: the name as a whole word inside a mustache ({{name}},
// {{#if name}}, {{helper x name.y}}), not in the template's text or inside a
// longer name; where there is none, its first appearance, or -1.
func mustacheName(src, name string) int {
	word := func(b byte) bool {
		return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
	}
	for from := 0; from < len(src); {
		i := strings.Index(src[from:], name)
		if i < 0 {
			break
		}
		off := from + i
		from = off + 1
		end := off + len(name)
		if off > 0 && (word(src[off-1]) || src[off-1] == '@') || end < len(src) && word(src[end]) {
			continue
		}
		if before := src[:off]; off > 0 && (src[off-1] == '.' || src[off-1] == '/') &&
			!strings.HasSuffix(before, "this.") && !strings.HasSuffix(before, "this/") && !strings.HasSuffix(before, "{{./") && !strings.HasSuffix(before, " ./") {
			continue // a part of a longer path, not a top-level name
		}
		if open := strings.LastIndex(src[:off], "{{"); open >= 0 && strings.LastIndex(src[:off], "}}") < open {
			return off
		}
	}
	return strings.Index(src, name)
}
