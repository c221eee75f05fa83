package payloadgen

import (
	"fmt"
	"strings"

	"github.com/segsync/segsync/parser"

	"github.com/segsync/segsync/jsonpath"
)

// Mutation is a kind of near miss: what was changed in a valid payload.
type Mutation int

// The mutations. The first group keeps the payload valid JSON in UTF-8 without
// repeated names and within the limits, so that a JSON Schema can judge it
// (SchemaMutations); the second group does not.
const (
	Valid       Mutation = iota // no mutation: a valid payload
	TypeSwap                    // a value of another JSON type
	Missing                     // a value removed (an array element dropped)
	Null                        // a value replaced by null
	Falsy                       // false, 0, -0, 0.0 or ""
	EmptyString                 // ""
	BigNumber                   // a number past float64's precision or range
	Escapes                     // a string written with escapes and surrogate pairs

	LoneSurrogate // a string with an unpaired surrogate escape
	InvalidUTF8   // a string with bytes that are not UTF-8
	DuplicateName // an object member repeated, before or after the original
	DeepNesting   // arrays or objects nested past the depth limit
	LongString    // a string longer than the value limit
	NotJSON       // truncated, trailing data, empty, a byte order mark
)

var mutationNames = [...]string{"valid", "type-swap", "missing", "null", "falsy", "empty-string", "big-number", "escapes", "lone-surrogate", "invalid-utf8", "duplicate-name", "deep-nesting", "long-string", "not-json"}

// String names the mutation in kebab case ("type-swap").
func (m Mutation) String() string {
	if m >= 0 && int(m) < len(mutationNames) {
		return mutationNames[m]
	}
	return fmt.Sprintf("Mutation(%d)", int(m))
}

// SchemaMutations are the near misses a JSON Schema can judge: valid JSON in
// UTF-8, no repeated names, within the limits.
var SchemaMutations = []Mutation{TypeSwap, Missing, Null, Falsy, EmptyString, BigNumber, Escapes}

// AllMutations are every near miss the generator makes.
var AllMutations = []Mutation{TypeSwap, Missing, Null, Falsy, EmptyString, BigNumber, Escapes, LoneSurrogate, InvalidUTF8, DuplicateName, DeepNesting, LongString, NotJSON}

// A place is a value of a payload that a mutation may change.
type place struct {
	tokens []string // from the payload's root
	field  string   // the manifest field that reads it, or that leads to it
}

// places lists the values of p that the spec reads, the containers on the way
// to them included, and the member elements.
func (s *Shape) places(p *Payload) []place {
	seen := map[string]bool{}
	var out []place
	add := func(tokens []string, field string) {
		ptr := string(jsonpath.New(tokens...))
		if seen[ptr] || p.root.lookup(tokens) == nil {
			return
		}
		seen[ptr] = true
		out = append(out, place{append([]string(nil), tokens...), field})
	}
	var arrays []Path
	for _, path := range append(s.readers(), s.arrays()...) {
		if !path.Set {
			continue
		}
		tokens := path.tokens()
		for i := range tokens {
			add(tokens[:i+1], path.Field)
		}
		if path.Field == s.Members.Field || path.Field == s.Add.Field || path.Field == s.Remove.Field {
			arrays = append(arrays, path)
		}
	}
	add(nil, "")
	for _, a := range arrays {
		arr := p.root.lookup(a.tokens())
		if arr == nil || arr.kind != kindArray {
			continue
		}
		for i := range arr.elems {
			elem := append(a.tokens(), fmt.Sprint(i))
			add(elem, a.Field)
			for _, rel := range []Path{s.MemberID, s.Boolean, s.MemberCohortID, s.MemberCohortName} {
				if !rel.Set {
					continue
				}
				rt := rel.tokens()
				for j := range rt {
					add(append(append([]string(nil), elem...), rt[:j+1]...), rel.Field)
				}
			}
		}
	}
	return out
}

// NearMiss returns a payload one mutation away from a plain valid one (string
// IDs, members added, and removed too in named arrays), the mutation chosen
// among kinds (AllMutations when none is given), so that what the payload
// provokes follows from the mutation alone. A near miss may still be
// valid (null where a value is optional, 0 as an ID): the point is to probe the
// edges; Parse decides.
func (g *Generator) NearMiss(kinds ...Mutation) (*Payload, error) {
	if len(kinds) == 0 {
		kinds = AllMutations
	}
	base, err := g.nearMissBase()
	if err != nil {
		return nil, err
	}
	places := g.shape.places(base)
	for range 16 {
		kind := kinds[g.rng.IntN(len(kinds))]
		pl := places[g.rng.IntN(len(places))]
		p := base.clone()
		if g.mutate(p, kind, pl) {
			p.Mutation, p.Field = kind, pl.field
			if kind == NotJSON {
				p.Field = ""
			}
			p.Members, p.EnvironmentID, p.CohortID, p.ContextKind = nil, "", "", ""
			return p, nil
		}
	}
	// Every kind applies at a leaf the spec reads (the environment ID).
	p := base.clone()
	pl := place{g.shape.EnvironmentID.tokens(), g.shape.EnvironmentID.Field}
	g.mutate(p, kinds[0], pl)
	p.Mutation, p.Field = kinds[0], pl.field
	p.Members, p.EnvironmentID, p.CohortID, p.ContextKind = nil, "", "", ""
	return p, nil
}

// mutate applies kind at pl and reports whether it could.
func (g *Generator) mutate(p *Payload, kind Mutation, pl place) bool {
	r := g.rng
	p.Pointer = jsonpath.New(pl.tokens...)
	replace := func(v *node, note string) bool {
		p.Note = fmt.Sprintf("%s at %s: %s", kind, displayPointer(p.Pointer), note)
		if len(pl.tokens) == 0 {
			p.root = v
			return true
		}
		parent := p.root.lookup(pl.tokens[:len(pl.tokens)-1])
		last := pl.tokens[len(pl.tokens)-1]
		switch parent.kind {
		case kindObject:
			parent.put(last, v)
		case kindArray:
			i, _ := jsonpath.ArrayIndex(last, len(parent.elems))
			parent.elems[i] = v
		}
		return true
	}
	oneOf := func(choices ...string) string { return choices[r.IntN(len(choices))] }
	cur := p.root.lookup(pl.tokens)
	switch kind {
	case TypeSwap:
		choices := map[string]string{"object": `{"id":"x"}`, "array": `["x"]`, "string": `"x"`, "number": `7`, "boolean": oneOf("true", "false")}
		delete(choices, typeOf(cur))
		names := []string{"object", "array", "string", "number", "boolean"}
		for {
			n := names[r.IntN(len(names))]
			if v, ok := choices[n]; ok {
				return replace(leaf(v), "a "+typeOf(cur)+" became "+v)
			}
		}
	case Missing:
		if len(pl.tokens) == 0 {
			return false
		}
		parent := p.root.lookup(pl.tokens[:len(pl.tokens)-1])
		last := pl.tokens[len(pl.tokens)-1]
		p.Note = fmt.Sprintf("missing at %s", displayPointer(p.Pointer))
		if parent.kind == kindObject {
			return parent.del(last)
		}
		i, _ := jsonpath.ArrayIndex(last, len(parent.elems))
		parent.elems = append(parent.elems[:i], parent.elems[i+1:]...)
		p.Note = fmt.Sprintf("element %s dropped", displayPointer(p.Pointer))
		return true
	case Null:
		return replace(leaf("null"), "null")
	case Falsy:
		v := oneOf("false", "0", "-0", "0.0", `""`)
		return replace(leaf(v), v)
	case EmptyString:
		return replace(leaf(`""`), `""`)
	case BigNumber:
		v := oneOf("12345678901234567890123", "1e400", "-1.5E-7", "9007199254740993", "0.1e1", "-0.0")
		return replace(leaf(v), v)
	case Escapes:
		v := oneOf(`"\ud83d\ude00"`, `"\"\\\/\b\f\n\r\t"`, `"e\u0301\u00e9"`, `"\u2028\u2029"`, `"\u0000"`, `"<\u0026>"`)
		return replace(leaf(v), v)
	case LoneSurrogate:
		v := oneOf(`"\ud800"`, `"a\udc00b"`, `"\ude00\ud83d"`, `"\uD83D"`)
		return replace(leaf(v), v)
	case InvalidUTF8:
		v := oneOf("\"\xff\"", "\"a\xc3(\"", "\"\xed\xa0\x80\"", "\"\xc0\xaf\"", "\"\xf8\x88\x80\x80\x80\"")
		return replace(leaf(v), fmt.Sprintf("%q", v))
	case DuplicateName:
		if len(pl.tokens) == 0 {
			return false
		}
		parent := p.root.lookup(pl.tokens[:len(pl.tokens)-1])
		if parent.kind != kindObject {
			return false
		}
		last := pl.tokens[len(pl.tokens)-1]
		other := leaf(oneOf(`{"id":"x"}`, "true", "null", `"dup"`))
		if r.IntN(2) == 0 {
			parent.members = append([]member{{last, other}}, parent.members...)
			p.Note = fmt.Sprintf("duplicate name %q, the first of two holding %s", last, other.raw)
		} else {
			parent.members = append(parent.members, member{last, other})
			p.Note = fmt.Sprintf("duplicate name %q, the last of two holding %s", last, other.raw)
		}
		return true
	case DeepNesting:
		depth := g.shape.Program.Limits().MaxDepth + 1
		open, close := "[", "]"
		if r.IntN(2) == 0 {
			open, close = `{"a":`, "}"
		}
		v := strings.Repeat(open, depth) + "1" + strings.Repeat(close, depth)
		return replace(leaf(v), fmt.Sprintf("%d levels of %s", depth, open))
	case LongString:
		n := g.shape.Program.Limits().MaxValueBytes + 1
		return replace(stringLeaf(strings.Repeat("a", n)), fmt.Sprintf("a string of %d bytes", n))
	case NotJSON:
		b := p.Bytes()
		switch r.IntN(5) {
		case 0:
			p.cut = 1 + r.IntN(max(len(b)-1, 1))
			p.Note = fmt.Sprintf("cut after %d bytes", p.cut)
		case 1:
			p.suffix = []byte(oneOf("x", ",", "}", " {}", "\x00"))
			p.Note = fmt.Sprintf("trailing %q", p.suffix)
		case 2:
			p.prefix = []byte("\xef\xbb\xbf")
			p.Note = "a byte order mark first"
		case 3:
			p.root = leaf("")
			p.Note = "an empty payload"
		default:
			p.root = leaf(oneOf("{", "[1,]", `{"a" 1}`, "nul", "'x'"))
			p.Note = fmt.Sprintf("not JSON: %s", p.root.raw)
		}
		p.Pointer = ""
		return true
	}
	return false
}

// typeOf names the JSON type of a node.
func typeOf(n *node) string {
	switch {
	case n == nil:
		return "absent"
	case n.kind == kindObject:
		return "object"
	case n.kind == kindArray:
		return "array"
	case len(n.raw) == 0:
		return "nothing"
	}
	switch n.raw[0] {
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "number"
}

func displayPointer(p jsonpath.Pointer) string {
	if p == "" {
		return "the root"
	}
	return string(p)
}

// nearMissBase returns the valid payload a near miss starts from: a plain
// example whose members are added, with a removed one too in named arrays.
func (g *Generator) nearMissBase() (*Payload, error) {
	s := g.shape
	b := g.plan(true)
	n := max(s.MinMembers(), 2)
	for i, id := range plainIDs(g.rng, n) {
		add := s.Mode != parser.ModeNamedArrays || i < max(n-1, s.minMembers(s.Add))
		b.members = append(b.members, plannedMember{id: id, add: add})
	}
	return b.build(g.rng, true)
}
