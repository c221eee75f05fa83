package parser

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/segsync/segsync/internal/field"
)

// actionMatcherSeeds are matchers written as manifests write them (JavaScript
// sources): the partners' own, and neighbours that are or are not a finite set
// of words.
var actionMatcherSeeds = []string{
	`^(members|add_members)$`, `^add$`, `^(add_member|remove_member)$`,
	`^(?:a|b)c$`, `^[ab]c$`, `^add(ed)?$`, `add`, `^add`, `add$`, `^a|b$`,
	`^(a|)$`, `^$`, `^[^a]$`, `^[]$`, `^[]a$`, `^a{2}$`, `^a{2,3}$`, `^a*$`,
	`^.$`, `^\u00e9$`, `^\uFFFD$`, `^[\uFFFC-\uFFFE]$`, `^(A|a)dd$`, `^[a-z]$`,
	`^[a-f]{2}$`, `^(?:ab|ac|ad)$`, `^\d$`, `^\s$`, `^\badd$`, `^add\b$`,
}

// actionTexts are the texts every seed matcher is tried on.
var actionTexts = []string{
	"", "members", "add_members", "add", "ADD", "added", "add\n", "\nadd", "x add",
	"add_member", "remove_member", "ac", "bc", "cc", "a", "b", "aa", "aaa", "é",
	"\uFFFD", "\xff", "\xe9", "Add", "5", " ", "\u00a0", "ab", "f", "z",
}

// TestActionWords holds the word-set reading of every seed matcher to the
// regular expression on every text, and checks that the partners' matchers are
// read as words.
func TestActionWords(t *testing.T) {
	for _, src := range actionMatcherSeeds {
		re, _, msg, _ := field.CompileMatcher(src)
		if msg != "" {
			t.Fatalf("matcher %q: %s", src, msg)
		}
		words, ok := actionWords(re)
		p := &Program{matcher: re, actionWords: words, actionWordsOK: ok}
		for _, text := range actionTexts {
			if got, want := p.matchAction(text), re.MatchString(text); got != want {
				t.Errorf("matcher %q (words %q, %v) on %q: %v, the regular expression says %v", src, words, ok, text, got, want)
			}
		}
	}
	for src, want := range map[string][]string{
		`^(members|add_members)$`:      {"members", "add_members"},
		`^add$`:                        {"add"},
		`^(add_member|remove_member)$`: {"add_member", "remove_member"},
		`^add(ed)?$`:                   {"added", "add"},
		`^[ab]c$`:                      {"ac", "bc"},
	} {
		re, _, _, _ := field.CompileMatcher(src)
		words, ok := actionWords(re)
		slices.Sort(words)
		slices.Sort(want)
		if !ok || !slices.Equal(words, want) {
			t.Errorf("matcher %q: words %q, %v; want %q", src, words, ok, want)
		}
	}
	for _, src := range []string{`add`, `^add`, `^a*$`, `^.$`, `^\uFFFD$`, `^[a-z]{3}$`, `^` + strings.Repeat("a", 2000) + `$`} {
		re, _, msg, _ := field.CompileMatcher(src)
		if msg != "" {
			continue // not a JavaScript source: nothing to read
		}
		if words, ok := actionWords(re); ok {
			t.Errorf("matcher %q read as the words %q; want the regular expression", src, words)
		}
	}
}

// FuzzActionWords holds the word-set reading of a matcher to its regular
// expression: whenever a matcher is read as words, a text is among them exactly
// when the regular expression matches it.
func FuzzActionWords(f *testing.F) {
	for i, src := range actionMatcherSeeds {
		f.Add(src, actionTexts[i%len(actionTexts)])
	}
	f.Fuzz(func(t *testing.T, src, text string) {
		re, _, msg, _ := field.CompileMatcher(src)
		if msg != "" {
			return
		}
		words, ok := actionWords(re)
		if !ok {
			return
		}
		for _, w := range words {
			if !re.MatchString(w) || !utf8.ValidString(w) {
				t.Fatalf("matcher %q: word %q is not matched by the regular expression", src, w)
			}
		}
		p := &Program{matcher: re, actionWords: words, actionWordsOK: true}
		if got, want := p.matchAction(text), re.MatchString(text); got != want {
			t.Fatalf("matcher %q (words %q) on %q: %v, the regular expression says %v", src, words, text, got, want)
		}
	})
}
