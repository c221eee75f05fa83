package parser

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// maxActionWords bounds the set of words a matcher is read as, and
// maxActionBytes their total length: past either the regular expression
// decides, as it always may.
const (
	maxActionWords = 32
	maxActionBytes = 1 << 10
)

// actionWords returns the finite set of texts that re matches, when re is
// anchored at both ends around literals, alternations and small character
// classes (as every partner's matcher is: "^(members|add_members)$"), so that
// matching an action value is comparing it with a few words instead of running
// the regular expression on every payload. ok is false for any other matcher,
// whose MatchString then decides.
//
// The words hold no U+FFFD, so that a text that is not UTF-8 (which the
// regular expression reads as U+FFFD) matches neither way.
func actionWords(re *regexp.Regexp) (words []string, ok bool) {
	if re == nil {
		return nil, false
	}
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, false
	}
	t = t.Simplify()
	n := len(t.Sub)
	if t.Op != syntax.OpConcat || n < 2 || t.Sub[0].Op != syntax.OpBeginText || t.Sub[n-1].Op != syntax.OpEndText {
		return nil, false
	}
	words = []string{""}
	for _, sub := range t.Sub[1 : n-1] {
		if words, ok = expandWords(words, sub); !ok {
			return nil, false
		}
	}
	return words, true
}

// expandWords returns every word of prefixes followed by every text that t
// matches, or false when t is not a finite set of literals or the set grows past
// maxActionWords words or maxActionBytes bytes.
func expandWords(prefixes []string, t *syntax.Regexp) ([]string, bool) {
	if len(prefixes) == 0 { // an empty class came first: nothing matches
		return prefixes, true
	}
	switch t.Op {
	case syntax.OpEmptyMatch:
		return prefixes, true
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		lit := make([]byte, 0, len(t.Rune))
		for _, r := range t.Rune {
			if !utf8.ValidRune(r) || r == utf8.RuneError {
				return nil, false
			}
			lit = utf8.AppendRune(lit, r)
		}
		out := make([]string, len(prefixes))
		for i, p := range prefixes {
			out[i] = p + string(lit)
		}
		return boundWords(out)
	case syntax.OpCapture:
		return expandWords(prefixes, t.Sub[0])
	case syntax.OpQuest:
		w, ok := expandWords(prefixes, t.Sub[0])
		if !ok {
			return nil, false
		}
		return boundWords(append(slices.Clip(w), prefixes...))
	case syntax.OpConcat:
		var ok bool
		for _, sub := range t.Sub {
			if prefixes, ok = expandWords(prefixes, sub); !ok {
				return nil, false
			}
		}
		return prefixes, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range t.Sub {
			w, ok := expandWords(prefixes, sub)
			if !ok {
				return nil, false
			}
			if out, ok = boundWords(append(out, w...)); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if !utf8.ValidRune(r) || r == utf8.RuneError || len(out) >= maxActionWords {
					return nil, false
				}
				for _, p := range prefixes {
					out = append(out, p+string(r))
				}
			}
		}
		return boundWords(out)
	}
	return nil, false
}

// boundWords returns words, or false when they pass maxActionWords or
// maxActionBytes.
func boundWords(words []string) ([]string, bool) {
	if len(words) > maxActionWords {
		return nil, false
	}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	return words, n <= maxActionBytes
}

// matchAction reports whether the matcher matches an action text.
func (p *Program) matchAction(text string) bool {
	if !p.actionWordsOK {
		return p.matcher.MatchString(text)
	}
	for _, w := range p.actionWords {
		if w == text {
			return true
		}
	}
	return false
}
