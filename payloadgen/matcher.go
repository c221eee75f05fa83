package payloadgen

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// matchTries bounds the attempts to find an action value that matches, or does
// not match, the matcher.
const matchTries = 64

// actionValue returns an action value for which the matcher decides add (a
// match) or remove (no match), and false when none was found: a matcher that
// matches everything cannot remove, one that matches nothing cannot add. With
// plain, the first try is the simplest string the pattern describes.
func actionValue(re *regexp.Regexp, r *rand.Rand, add, plain bool) (text, bool) {
	if add {
		tree, err := syntax.Parse(re.String(), syntax.Perl)
		if err == nil {
			tree = tree.Simplify()
			for i := range matchTries {
				var b strings.Builder
				sample(&b, tree, r, plain && i == 0)
				if s := b.String(); re.MatchString(s) {
					return str(s), true
				}
			}
		}
		for _, t := range []text{str("add"), num("1"), {"true", "true"}} {
			if re.MatchString(t.want) {
				return t, true
			}
		}
		return text{}, false
	}
	candidates := []text{str("remove"), str("delete"), str("remove_members"), str("exit"), str("x"), num("0"), {"false", "false"}, str("")}
	start := 0
	if !plain {
		start = r.IntN(len(candidates))
	}
	for i := range candidates {
		t := candidates[(start+i)%len(candidates)]
		if !re.MatchString(t.want) {
			return t, true
		}
	}
	for range matchTries {
		s := hexWord(r, 1+r.IntN(8))
		if !re.MatchString(s) {
			return str(s), true
		}
	}
	return text{}, false
}

// sample writes a string that the regular expression tree describes, choosing
// the first alternative and the fewest repetitions when plain, at random
// otherwise. Assertions write nothing, so the caller checks the result.
func sample(b *strings.Builder, re *syntax.Regexp, r *rand.Rand, plain bool) {
	pick := func(n int) int {
		if plain || n <= 1 {
			return 0
		}
		return r.IntN(n)
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, c := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && !plain && r.IntN(2) == 0 {
				c = unicode.SimpleFold(c)
			}
			b.WriteRune(c)
		}
	case syntax.OpCharClass:
		if len(re.Rune) < 2 {
			return // matches nothing: the caller's check fails
		}
		i := 2 * pick(len(re.Rune)/2)
		lo, hi := re.Rune[i], re.Rune[i+1]
		c := lo
		if !plain && hi > lo {
			c = lo + rune(r.IntN(int(min(hi-lo, 0xffff))+1))
		}
		if c >= 0xd800 && c <= 0xdfff {
			c = lo
		}
		b.WriteRune(c)
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteByte("abcxyz019"[pick(9)])
	case syntax.OpCapture:
		sample(b, re.Sub[0], r, plain)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 3
			}
		}
		n := lo
		if !plain && hi > lo {
			n += r.IntN(min(hi-lo, 8) + 1)
		}
		for range n {
			sample(b, re.Sub[0], r, plain)
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			sample(b, s, r, plain)
		}
	case syntax.OpAlternate:
		sample(b, re.Sub[pick(len(re.Sub))], r, plain)
	}
	// OpEmptyMatch, OpNoMatch and the assertions (^, $, \b, \B) write nothing.
}
