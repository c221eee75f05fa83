// Package suggest finds what a user probably meant: the closest of a set of names
// to a misspelt one, and the JSON pointer that a path written in another notation
// (JSONPath, dotted, bracketed) stands for. It serves diagnostics only.
package suggest

import (
	"strings"

	"github.com/segsync/segsync/jsonpath"
)

// Closest returns the candidate closest to word: one equal to it but for case, or
// else one within a small edit distance (at most 1 for words of up to 4 bytes, at
// most 2 for longer ones); "" when none is close. Ties go to the earlier
// candidate.
func Closest(word string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c
		}
	}
	limit := 2
	if len(word) <= 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if d := distance(lw, strings.ToLower(c), limit); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance returns the optimal string alignment distance of a and b (insertions,
// deletions, substitutions and swaps of adjacent bytes), or limit+1 when it is
// larger than limit.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

// Pointer returns the JSON pointer that path stands for when it is written as a
// JSONPath ($.a.b, $['a'][0], $.a[0]), a dotted path (a.b) or with brackets
// (a[0].b); ok is false when path is none of these.
func Pointer(path string) (ptr jsonpath.Pointer, ok bool) {
	s := path
	switch {
	case s == "$":
		return jsonpath.Root, true
	case strings.HasPrefix(s, "$"):
		s = s[1:]
	case s == "" || strings.HasPrefix(s, "/"):
		return "", false
	default:
		s = "." + s
	}
	var tokens []string
	for s != "" {
		switch s[0] {
		case '.':
			end := strings.IndexAny(s[1:], ".[")
			if end < 0 {
				end = len(s) - 1
			}
			name := s[1 : 1+end]
			if name == "" {
				return "", false
			}
			tokens = append(tokens, name)
			s = s[1+end:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return "", false
			}
			inner := s[1:end]
			if n := len(inner); n >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[n-1] == inner[0] {
				inner = inner[1 : n-1]
			} else if _, isIndex := jsonpath.ArrayIndex(inner, int(^uint(0)>>1)); !isIndex {
				return "", false
			}
			tokens = append(tokens, inner)
			s = s[end+1:]
		default:
			return "", false
		}
	}
	return jsonpath.New(tokens...), true
}
