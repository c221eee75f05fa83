package parser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// matcherSpec is an action-mode spec whose matcher decides whether the
// batch's action value (at /a) adds the members (at /m) or removes them.
func matcherSpec(matcher string) string {
	return `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","memberArrayPath":"/m","arrayInclusion":{"path":"/a","matcher":` + quote(matcher) + `},"memberArrayParser":{"memberIdPath":""}}}`
}

// matcherAdds runs an action-mode program with matcher on one action value and
// reports whether the member is added (true) or removed (false).
func matcherAdds(t *testing.T, matcher, action string) bool {
	t.Helper()
	prog := compileJSON(t, matcherSpec(matcher))
	res, err := prog.Parse([]byte(`{"e":"e","c":"c","n":"n","m":["u1"],"a":` + quote(action) + `}`))
	require.NoError(t, err)
	seg := res.Segments[0]
	require.Equal(t, 1, seg.Add.Len()+seg.Remove.Len())
	return seg.Add.Len() == 1
}

// matcherProblem compiles an action-mode spec with matcher and returns its one
// problem, which must be an invalid_matcher at the matcher's pointer.
func matcherProblem(t *testing.T, matcher string) *spec.Problem {
	t.Helper()
	m, err := spec.ParseSyncedSegment([]byte(matcherSpec(matcher)))
	require.NoError(t, err)
	_, err = parser.Compile(m)
	var ps spec.Problems
	require.True(t, errors.As(err, &ps), "matcher %q compiled; want a problem (error %v)", matcher, err)
	require.Len(t, ps, 1)
	require.Equal(t, spec.CodeInvalidMatcher, ps[0].Code)
	require.Equal(t, "/capabilities/syncedSegment/requestParser/arrayInclusion/matcher", ps[0].Pointer)
	return ps[0]
}

// TestMatcherLikeJavaScript runs matchers whose RE2 reading differs from
// JavaScript's; each want is new RegExp(matcher).test(action) in Node.js 20.
func TestMatcherLikeJavaScript(t *testing.T) {
	for _, tt := range []struct {
		name, matcher, action string
		js                    bool
	}{
		{`\s matches NBSP`, `^\s*add$`, "\u00a0add", true},
		{`\s matches VT`, `^\s*add$`, "\vadd", true},
		{`\s matches BOM`, `^\s*add$`, "\ufeffadd", true},
		{`\s matches ideographic space`, `^add\s*$`, "add\u3000", true},
		{`\s matches LS`, `^add\s*$`, "add\u2028", true},
		{`\s does not match ZWSP`, `^add\s*$`, "add\u200b", false},
		{`\S does not match NBSP`, `^\S+$`, "\u00a0", false},
		{`dot does not match CR`, `^add.members$`, "add\rmembers", false},
		{`dot does not match LS`, `^add.members$`, "add\u2028members", false},
		{`dot does not match PS`, `^add.members$`, "add\u2029members", false},
		{`dot matches NEL`, `^add.members$`, "add\u0085members", true},
		{`surrogate pair escape`, `^\uD83D\uDE00$`, "\U0001F600", true},
		{`\z is z`, `^\z$`, "z", true},
		{`\A is A`, `^\A$`, "A", true},
		{`\a is a`, `^\a$`, "a", true},
		{`\e is e`, `^add\e$`, "adde", true},
		{`\p{L} is p{L}`, `^\p{L}$`, "p{L}", true},
		{`\Q...\E is Q...E`, `^\Q.\E$`, "Q.E", true},
		{`POSIX-looking class`, `^[[:alpha:]]$`, "a]", true},
		{`POSIX-looking class needs the ]`, `^[[:alpha:]]$`, "a", false},
		{`\cJ is LF`, `^\cJ$`, "\n", true},
		{`[\b] is backspace`, `^[\b]$`, "\b", true},
		{`[^] is any character`, `^[^]*$`, "a\nb", true},
		{`[] matches nothing`, `[]`, "", false},
		{`\u{41} repeats u`, `^\u{41}$`, strings.Repeat("u", 41), true},
		{`\u{41} is not A`, `^\u{41}$`, "A", false},
		{`\x4 is x4`, `^\x4$`, "x4", true},
		{`\k without named groups is k`, `^\k$`, "k", true},
		{`\1 without groups is octal`, `^a\1$`, "a\x01", true},
		{`\8 is 8`, `^\8$`, "8", true},
		{`\0 is NUL`, `^\0$`, "\x00", true},
		{`{ without a count is literal`, `^a{,3}}$`, "a{,3}}", true},
		{`] outside a class is literal`, `^]$`, "]", true},
		{`[\d-z] is a union`, `^[\d-z]+$`, "1-z", true},
		{`[\d-z] is not a range`, `^[\d-z]+$`, "a", false},
		{`lazy quantifier`, `^a+?$`, "aaa", true},
		{`named group`, `^(?<verb>add|upsert)$`, "upsert", true},
		{`case-sensitive`, `^add$`, "ADD", false},
		{`$ is the end of input`, `^add$`, "add\n", false},
		{`partner matcher`, `^(members|add_members)$`, "add_members", true},
		{`partner matcher, remove`, `^(members|add_members)$`, "remove_members", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := matcherAdds(t, tt.matcher, tt.action); got != tt.js {
				t.Errorf("matcher %q on %q: adds=%v, JavaScript RegExp.test=%v", tt.matcher, tt.action, got, tt.js)
			}
		})
	}
}

// TestMatcherRejected checks that a matcher JavaScript rejects, or one RE2
// cannot run, is an invalid_matcher problem with an excerpt that points at the
// offending construct.
func TestMatcherRejected(t *testing.T) {
	for _, tt := range []struct {
		matcher string
		offset  int
		msg     string // a part of the message
	}{
		{`(?i)^add$`, 0, "invalid group"},
		{`(?P<v>add)`, 0, "invalid group"},
		{`^(?s).$`, 1, "invalid group"},
		{`^(add`, 1, "unterminated group"},
		{`add)`, 3, "unmatched ')'"},
		{`^[add`, 1, "unterminated character class"},
		{`*add`, 0, "nothing to repeat"},
		{`^*add`, 1, `nothing to repeat: an assertion (^, $, \b, \B) cannot take a quantifier`},
		{`a{2,1}`, 1, "numbers out of order"},
		{`[z-a]`, 1, "range out of order"},
		{`^add(?=_members)`, 4, "lookahead (?=...) is not supported: matchers run on RE2, which has no lookaround"},
		{`(?<=x)add`, 0, "lookbehind (?<=...) is not supported"},
		{`(a)\1`, 3, `backreferences (\1) are not supported: matchers run on RE2, which has no backreferences`},
		{`(?<v>a)\k<v>`, 7, `named backreferences (\k<name>) are not supported`},
		{`a{1001}`, 1, "larger than 1000"},
		{`(a{100}){100}`, 8, "nested repeat counts multiply past 1000"},
	} {
		t.Run(tt.matcher, func(t *testing.T) {
			p := matcherProblem(t, tt.matcher)
			require.Contains(t, p.Message, tt.msg)
			require.Equal(t, caret.Excerpt(tt.matcher, tt.offset, "    "), p.Excerpt)
		})
	}
}

// TestMatcherValidJavaScriptCompiles compiles valid JavaScript matchers that
// RE2 alone would reject.
func TestMatcherValidJavaScriptCompiles(t *testing.T) {
	for _, m := range []string{`^\cJ$`, `^[\b]$`, `^[^]*$`, `^\u{41}$`, `^\x4$`, `^\k$`, `^a\1$`, `^\8$`, `^add\e$`, `[]`, `x{`, `\c`, `(?<$x>a)`} {
		t.Run(m, func(t *testing.T) {
			compileJSON(t, matcherSpec(m))
		})
	}
}
