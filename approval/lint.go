package approval

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// statusWords are status values partners send, in the forms the lints try.
var statusWords = []string{
	"approved", "approve", "approval", "accepted", "accept", "authorized", "complete", "completed",
	"success", "succeeded", "done", "closed", "yes", "true", "ok", "granted", "passed", "valid",
	"rejected", "reject", "declined", "decline", "denied", "deny", "cancelled", "canceled",
	"failed", "failure", "error", "refused", "no", "false", "invalid", "pending", "requested",
	"open", "new", "inserted", "-1", "0", "1", "2", "3", "4",
}

// negations are the ways a word is negated in a status value.
var negations = []func(string) string{
	func(w string) string { return "un" + w },
	func(w string) string { return "not " + w },
	func(w string) string { return "not_" + w },
	func(w string) string { return "not-" + w },
	func(w string) string { return "not" + w },
	func(w string) string { return "non" + w },
	func(w string) string { return "non-" + w },
	func(w string) string { return "dis" + w },
	func(w string) string { return "in" + w },
}

// maxLinted is the longest matcher (as translated for RE2) the lints probe.
const maxLinted = 4096

// probes returns the status values the lints try: the words above in their
// common casings, the literal prefix of each matcher, and their negations.
func probes(res ...*regexp.Regexp) []string {
	words := slices.Clone(statusWords)
	for _, re := range res {
		if re == nil {
			continue
		}
		if lit, _ := re.LiteralPrefix(); lit != "" {
			words = append(words, lit)
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, w := range words {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			add(v)
			for _, neg := range negations {
				add(neg(v))
			}
		}
	}
	return out
}

// lintMatchers warns about an unanchored matcher that also matches the negation
// of a word it matches, and about an approvalMatcher and a rejectionMatcher that
// both match one value (the approval wins, so the rejection never applies to
// it).
func lintMatchers(ps *field.Problems, pat jsonpath.Pointer, approve, reject *regexp.Regexp) {
	if approve == nil || len(approve.String()) > maxLinted || reject != nil && len(reject.String()) > maxLinted {
		return
	}
	for _, m := range []struct {
		re   *regexp.Regexp
		name string
	}{{approve, "approvalMatcher"}, {reject, "rejectionMatcher"}} {
		if m.re == nil {
			continue
		}
		if w, neg, ok := opposite(m.re); ok {
			ps.Add(spec.SeverityWarning, pat.Append(m.name), spec.CodeMatcherMatchesOpposite,
				"the %s matches %q and also %q: like JavaScript's RegExp.test it searches anywhere in the status value; anchor it (^%s$) to match only the whole value",
				m.name, w, neg, regexp.QuoteMeta(w))
		}
	}
	if reject == nil {
		return
	}
	var both []string
	for _, v := range probes(approve, reject) {
		if approve.MatchString(v) && reject.MatchString(v) {
			both = append(both, fmt.Sprintf("%q", v))
		}
	}
	if len(both) > 0 {
		more := ""
		if len(both) > 3 {
			more = fmt.Sprintf(" and %d more", len(both)-3)
			both = both[:3]
		}
		ps.Add(spec.SeverityWarning, pat.Append("rejectionMatcher"), spec.CodeMatchersOverlap,
			"the approvalMatcher and the rejectionMatcher both match %s%s: such a status is approved, since the approvalMatcher is tried first", strings.Join(both, ", "), more)
	}
}

// opposite finds a word that re matches together with one of its negations;
// a matcher that matches the empty string (and so every value) has none.
func opposite(re *regexp.Regexp) (word, negated string, ok bool) {
	if re.MatchString("") {
		return "", "", false
	}
	words := slices.Clone(statusWords)
	if lit, _ := re.LiteralPrefix(); lit != "" {
		words = append([]string{lit}, words...)
	}
	for _, w := range words {
		if !re.MatchString(w) {
			continue
		}
		for _, neg := range negations {
			if n := neg(w); re.MatchString(n) {
				return w, n, true
			}
		}
	}
	return "", "", false
}
