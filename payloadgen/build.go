package payloadgen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// builder plans the values of one valid payload, then places them.
type builder struct {
	s                                    *Shape
	env, kind, cohortID, cohortName, url *text // nil: left out (or written null)
	nullKind, nullURL                    bool
	action                               map[bool]text // the action value for add and for remove
	members                              []plannedMember
	extras                               bool
}

type plannedMember struct {
	id                   text
	add                  bool
	cohortID, cohortName *string
}

// plan chooses the top-level values: plain ones for an example, varied ones
// otherwise.
func (g *Generator) plan(plain bool) *builder {
	r := g.rng
	b := &builder{s: g.shape}
	pick := func(plainValue text, prefix string) *text {
		if plain {
			return &plainValue
		}
		t := variedText(r, prefix)
		return &t
	}
	tag := hexWord(r, 4)
	b.env = pick(str(hexWord(r, 24)), "env")
	b.cohortID = pick(str("cohort-"+tag), "cohort")
	b.cohortName = pick(str("Cohort "+tag), "Cohort")
	url := str("https://partner.example.com/cohorts/cohort-" + tag)
	b.url = &url
	kind := str("user")
	b.kind = &kind
	if !plain {
		switch r.IntN(4) {
		case 0:
			b.kind = nil
		case 1:
			b.kind, b.nullKind = nil, true
		case 2:
			k := str([]string{"device", "org", "user"}[r.IntN(3)])
			b.kind = &k
		}
		switch r.IntN(3) {
		case 0:
			b.url = nil
		case 1:
			b.url, b.nullURL = nil, true
		}
		b.extras = r.IntN(2) == 0
	}
	return b
}

// build places the planned values into a payload and checks that each reads
// back as planned.
func (b *builder) build(r *rand.Rand, plain bool) (*Payload, error) {
	s := b.s
	if s.Mode == parser.ModeAction {
		b.action = map[bool]text{}
		for _, add := range []bool{true, false} {
			if t, ok := actionValue(s.Matcher, r, add, plain); ok {
				b.action[add] = t
			}
		}
		add := len(b.members) == 0 || b.members[0].add
		if _, ok := b.action[add]; !ok {
			verb := map[bool]string{true: "matches", false: "does not match"}[add]
			return nil, fmt.Errorf("%w: no action value found that the matcher %s %s", ErrUnsatisfiable, s.Matcher, verb)
		}
	}
	holder := object() // holds the payload under the key "", so that "" is a pointer like any other
	at := func(p jsonpath.Pointer) []string { return append([]string{""}, p.Tokens()...) }

	// The member arrays first, with an element per member, so that top-level
	// pointers into them find their elements.
	lists := map[bool][]int{} // add → member indexes, for named arrays
	for i, m := range b.members {
		lists[m.add] = append(lists[m.add], i)
	}
	type arrayOf struct {
		path    Path
		members []int
	}
	var arrays []arrayOf
	if s.Mode == parser.ModeNamedArrays {
		arrays = []arrayOf{{s.Add, lists[true]}, {s.Remove, lists[false]}}
	} else {
		all := make([]int, len(b.members))
		for i := range all {
			all[i] = i
		}
		arrays = []arrayOf{{s.Members, all}}
	}
	for _, a := range arrays {
		if need := s.minMembers(a.path); len(a.members) < need {
			return nil, fmt.Errorf("%w: the spec's top-level pointers read inside %s %s, so it needs at least %d member(s) there", ErrUnsatisfiable, a.path.Field, a.path.Pointer, need)
		}
		if len(a.members) == 0 && s.Mode == parser.ModeNamedArrays && !plain && r.IntN(2) == 0 {
			continue // an absent add or remove array is empty
		}
		arr := array()
		arr.elems = make([]*node, len(a.members))
		if _, err := holder.set(at(a.path.Pointer), arr); err != nil {
			return nil, b.conflict(a.path, err)
		}
	}

	// The top-level values.
	top := []struct {
		p    Path
		v    *text
		null bool
	}{{s.EnvironmentID, b.env, false}, {s.ContextKind, b.kind, b.nullKind}, {s.CohortID, b.cohortID, false}, {s.CohortName, b.cohortName, false}, {s.CohortURL, b.url, b.nullURL}}
	if s.Mode == parser.ModeAction {
		add := len(b.members) == 0 || b.members[0].add
		t := b.action[add]
		top = append(top, struct {
			p    Path
			v    *text
			null bool
		}{s.Action, &t, false})
	}
	for _, t := range top {
		if !t.p.Set {
			continue
		}
		var v *node
		switch {
		case t.v != nil:
			v = t.v.leaf()
		case t.null:
			v = leaf("null")
		default:
			continue
		}
		got, err := holder.set(at(t.p.Pointer), v)
		if err != nil {
			return nil, b.conflict(t.p, err)
		}
		_ = got
	}

	// The members, in each array's order.
	p := &Payload{Mutation: Valid}
	for _, a := range arrays {
		arr := holder.lookup(at(a.path.Pointer))
		if arr == nil {
			continue
		}
		for j, mi := range a.members {
			m := b.members[mi]
			elem := arr.elems[j]
			place := func(rel Path, v *node) error {
				if rel.Pointer == "" {
					if elem != nil {
						return errConflict
					}
					elem = v
					arr.elems[j] = v
					return nil
				}
				if elem == nil {
					elem = object()
					arr.elems[j] = elem
				}
				_, err := elem.set(rel.tokens(), v)
				return err
			}
			if err := place(s.MemberID, m.id.leaf()); err != nil {
				return nil, b.conflict(s.MemberID, err)
			}
			if s.Boolean.Set {
				if err := place(s.Boolean, leaf(fmt.Sprint(m.add))); err != nil {
					return nil, b.conflict(s.Boolean, err)
				}
			}
			if m.cohortID != nil && s.MemberCohortID.Set {
				if err := place(s.MemberCohortID, stringLeaf(*m.cohortID)); err != nil {
					return nil, b.conflict(s.MemberCohortID, err)
				}
				if s.MemberCohortName.Set {
					if err := place(s.MemberCohortName, stringLeaf(*m.cohortName)); err != nil {
						return nil, b.conflict(s.MemberCohortName, err)
					}
				}
			} else if b.cohortID != nil && s.MemberCohortID.Set && plain {
				// An example names the cohort on each member too, as partners
				// that send overrides do.
				if err := place(s.MemberCohortID, b.cohortID.leaf()); err != nil {
					return nil, b.conflict(s.MemberCohortID, err)
				}
				if s.MemberCohortName.Set {
					if err := place(s.MemberCohortName, b.cohortName.leaf()); err != nil {
						return nil, b.conflict(s.MemberCohortName, err)
					}
				}
			}
			if b.extras && elem != nil && elem.kind == kindObject && r.IntN(3) == 0 {
				elem.put("extra", extraValue(r, 1))
			}
		}
	}
	root := holder.get("")
	if b.extras && root.kind == kindObject {
		root.put("sentAt", extraValue(r, 0))
	}
	p.root = root
	if plain {
		leavesFirst(root)
	}
	if err := b.readBack(p); err != nil {
		return nil, err
	}
	return p, nil
}

// readBack evaluates the spec's pointers over the built payload, as a reader
// would, and records what it finds: a value that another pointer overwrote is a
// conflict.
func (b *builder) readBack(p *Payload) error {
	s := b.s
	holder := object()
	holder.put("", p.root)
	read := func(from *node, path Path) *node {
		if from == holder {
			return holder.lookup(append([]string{""}, path.tokens()...))
		}
		return from.lookup(path.tokens())
	}
	want := func(path Path, planned *text) (string, error) {
		got := read(holder, path)
		if planned == nil {
			if got != nil && string(got.raw) != "null" {
				return "", b.conflict(path, errConflict)
			}
			return "", nil
		}
		if got == nil || got.kind != kindLeaf || string(got.raw) != planned.raw {
			return "", b.conflict(path, errConflict)
		}
		return planned.want, nil
	}
	var err error
	if p.EnvironmentID, err = want(s.EnvironmentID, b.env); err != nil {
		return err
	}
	p.ContextKind = "user"
	if s.ContextKind.Set {
		k, err := want(s.ContextKind, b.kind)
		if err != nil {
			return err
		}
		if k != "" {
			p.ContextKind = k
		}
	}
	if p.CohortID, err = want(s.CohortID, b.cohortID); err != nil {
		return err
	}
	if _, err = want(s.CohortName, b.cohortName); err != nil {
		return err
	}
	if s.CohortURL.Set {
		if _, err = want(s.CohortURL, b.url); err != nil {
			return err
		}
	}
	var order []bool
	if s.Mode == parser.ModeNamedArrays {
		order = []bool{true, false}
	} else {
		order = []bool{true}
	}
	for _, add := range order {
		arrPath := s.Members
		if s.Mode == parser.ModeNamedArrays {
			arrPath = map[bool]Path{true: s.Add, false: s.Remove}[add]
		}
		arr := read(holder, arrPath)
		if arr == nil {
			continue
		}
		k := 0
		for _, m := range b.members {
			if s.Mode == parser.ModeNamedArrays && m.add != add {
				continue
			}
			if k >= len(arr.elems) {
				return b.conflict(arrPath, errConflict)
			}
			elem := arr.elems[k]
			k++
			id := read(elem, s.MemberID)
			if id == nil || string(id.raw) != m.id.raw {
				return b.conflict(s.MemberID, errConflict)
			}
			cohort := p.CohortID
			if s.MemberCohortID.Set {
				if c := read(elem, s.MemberCohortID); c != nil {
					var t text
					if err := jsonText(c, &t); err != nil {
						return b.conflict(s.MemberCohortID, err)
					}
					cohort = t.want
				}
			}
			p.Members = append(p.Members, Member{ID: m.id.want, Add: m.add, CohortID: cohort})
		}
		if k != len(arr.elems) {
			return b.conflict(arrPath, errConflict)
		}
	}
	return nil
}

// jsonText reads a leaf as a text value: a non-empty string unescaped.
func jsonText(n *node, t *text) error {
	if n.kind != kindLeaf || len(n.raw) < 2 || n.raw[0] != '"' {
		return errConflict
	}
	var s string
	if err := jsonUnmarshal(n.raw, &s); err != nil || s == "" {
		return errConflict
	}
	*t = text{string(n.raw), s}
	return nil
}

func (b *builder) conflict(p Path, err error) error {
	if errors.Is(err, errConflict) {
		return fmt.Errorf("%w: %s %s needs a place another pointer of the spec already uses", ErrUnsatisfiable, p.Field, p.Pointer)
	}
	return err
}

// leavesFirst orders every object's members so that its plain values come
// before its objects and arrays, which reads better in an example. Pointers do
// not depend on the order.
func leavesFirst(n *node) {
	if n == nil {
		return
	}
	sort.SliceStable(n.members, func(i, j int) bool {
		return n.members[i].val.kind == kindLeaf && n.members[j].val.kind != kindLeaf
	})
	for _, m := range n.members {
		leavesFirst(m.val)
	}
	for _, e := range n.elems {
		leavesFirst(e)
	}
}
