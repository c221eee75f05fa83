package payloadgen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// Generator makes payloads for one Shape. Its payloads follow from its seed
// alone: two generators with the same shape and seed make the same payloads in
// the same order. A Generator is not safe for concurrent use; make one per
// goroutine.
type Generator struct {
	shape *Shape
	rng   *rand.Rand
}

// New returns a generator for shape, seeded with seed.
func New(shape *Shape, seed uint64) *Generator {
	return &Generator{shape: shape, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Shape returns the shape the generator follows.
func (g *Generator) Shape() *Shape { return g.shape }

// ErrUnsatisfiable is wrapped by the errors of a generator that cannot make the
// payload asked for: two pointers need different values at one place of the
// payload, or the matcher cannot say add (or remove).
var ErrUnsatisfiable = errors.New("payloadgen: no payload satisfies the spec")

// Member is one member of a generated payload as the result lists it.
type Member struct {
	// ID is the member ID as the result lists it (a number as written).
	ID string
	// Add is true for a member added, false for one removed.
	Add bool
	// CohortID is the cohort the member belongs to: its own cohort ID override,
	// or the top-level cohort's ID.
	CohortID string
}

// Payload is one generated payload.
type Payload struct {
	root   *node
	prefix []byte // bytes written before the JSON text (a byte order mark)
	suffix []byte // bytes written after it (trailing data, a truncation is a cut)
	cut    int    // when > 0, the payload is cut to this many bytes

	// Mutation is what makes the payload a near miss; Valid for a valid one.
	Mutation Mutation
	// Variant is how a valid payload made by ValidVariant departs from a plain
	// example (Plain for the other valid payloads).
	Variant Variant
	// Pointer is the place in the payload the mutation changed.
	Pointer jsonpath.Pointer
	// Field is the manifest field whose pointer names the place ("" when the
	// place is not one the spec reads, such as an extra key).
	Field string
	// Note says what the mutation did, for people.
	Note string

	// The following are set for valid payloads only.

	// EnvironmentID, CohortID and ContextKind are the values Parse must find.
	EnvironmentID, CohortID, ContextKind string
	// Members lists the generated members in processing order (SEMANTICS §5),
	// their IDs distinct except with the RepeatedIDs variant.
	Members []Member
}

// Bytes returns the payload's bytes.
func (p *Payload) Bytes() []byte {
	b := append(append([]byte{}, p.prefix...), p.root.bytes()...)
	b = append(b, p.suffix...)
	if p.cut > 0 && p.cut < len(b) {
		b = b[:p.cut]
	}
	return b
}

// Valid reports whether the payload was generated valid.
func (p *Payload) Valid() bool { return p.Mutation == Valid }

// Want returns the result a valid payload must parse to, with the program's
// integration key naming segments; nil for a near miss.
func (p *Payload) Want(integrationKey string) *parser.Result {
	if !p.Valid() {
		return nil
	}
	res := &parser.Result{EnvironmentID: p.EnvironmentID, ContextKind: p.ContextKind}
	// The segments' lists as they are built, by segment.
	type lists struct{ add, remove []string }
	var ls []lists
	seg := func(id string) *lists {
		for i := range res.Segments {
			if res.Segments[i].CohortID == id {
				return &ls[i]
			}
		}
		s := parser.Segment{CohortID: id}
		if integrationKey != "" {
			s.SegmentKey = integrationKey + "-" + id
		}
		res.Segments = append(res.Segments, s)
		ls = append(ls, lists{})
		return &ls[len(ls)-1]
	}
	seg(p.CohortID)
	for _, m := range p.Members {
		l := seg(m.CohortID)
		// The last operation wins (SEMANTICS §5).
		to, from := &l.add, &l.remove
		if !m.Add {
			to, from = from, to
		}
		*from = slices.DeleteFunc(*from, func(id string) bool { return id == m.ID })
		if !slices.Contains(*to, m.ID) {
			*to = append(*to, m.ID)
		}
	}
	for i, l := range ls {
		res.Segments[i].Add, res.Segments[i].Remove = parser.NewMembers(l.add...), parser.NewMembers(l.remove...)
	}
	return res
}

// clone copies the payload, so that a mutation leaves the original alone.
func (p *Payload) clone() *Payload {
	c := *p
	c.root = p.root.clone()
	c.Members = append([]Member(nil), p.Members...)
	return &c
}

// ExampleOptions choose an example payload.
type ExampleOptions struct {
	// Members is how many members the payload carries. A spec whose top-level
	// pointers reach into the member array needs at least as many as they
	// reach (MinMembers).
	Members int
	// Remove makes every member a removal: false in boolean mode, an action
	// value the matcher does not match, or the remove array.
	Remove bool
}

// Example returns a readable valid payload: plain IDs, every optional value
// the spec reads present, one cohort.
func (g *Generator) Example(opts ExampleOptions) (*Payload, error) {
	if opts.Members < 0 {
		return nil, fmt.Errorf("payloadgen: %d members", opts.Members)
	}
	b := g.plan(true)
	ids := plainIDs(g.rng, opts.Members)
	for _, id := range ids {
		b.members = append(b.members, plannedMember{id: id, add: !opts.Remove})
	}
	return b.build(g.rng, true)
}

// Valid returns a valid payload with varied values: string and number IDs
// (0 and integers past float64's precision among them), escapes, adds and
// removes mixed where the mode allows, optional values present, absent or null,
// keys the spec does not read, and members of other cohorts where the spec has
// cohort overrides. Its member IDs are distinct. It fails only for a spec no
// payload satisfies.
func (g *Generator) Valid() (*Payload, error) {
	n := g.shape.MinMembers() + g.rng.IntN(5)
	b := g.plan(false)
	add := g.rng.IntN(3) > 0
	for i := range n {
		m := plannedMember{id: variedID(g.rng, i), add: add}
		if g.shape.Mode != parser.ModeAction {
			m.add = g.rng.IntN(3) > 0
		}
		if g.shape.MemberCohortID.Set && g.rng.IntN(4) == 0 {
			c := fmt.Sprintf("other-cohort-%d", g.rng.IntN(2))
			m.cohortID, m.cohortName = &c, &c
		}
		b.members = append(b.members, m)
	}
	p, err := b.build(g.rng, false)
	if err != nil {
		// Varied values can collide where plain ones do not; fall back to those.
		return g.Example(ExampleOptions{Members: n})
	}
	return p, nil
}

// MinMembers is the fewest members a payload of the shape can carry: a
// top-level pointer such as /batch/0/cohortId reads inside the member array, so
// that element must exist (and is a member).
func (s *Shape) MinMembers() int {
	n := 0
	for _, a := range s.arrays() {
		n += s.minMembers(a)
	}
	return n
}

func (s *Shape) minMembers(a Path) int {
	n := 0
	if !a.Set {
		return 0
	}
	at := a.tokens()
	for _, p := range s.readers() {
		pt := p.tokens()
		if len(pt) <= len(at) || !hasPrefix(pt, at) {
			continue
		}
		if i, ok := jsonpath.ArrayIndex(pt[len(at)], 1<<20); ok && i+1 > n {
			n = i + 1
		}
	}
	return n
}

// readers returns every top-level pointer the spec sets, the action included.
func (s *Shape) readers() []Path {
	var out []Path
	for _, p := range s.topPaths() {
		if p.Set {
			out = append(out, p.Path)
		}
	}
	if s.Action.Set {
		out = append(out, s.Action)
	}
	return out
}

func hasPrefix(tokens, prefix []string) bool {
	for i, t := range prefix {
		if tokens[i] != t {
			return false
		}
	}
	return true
}
