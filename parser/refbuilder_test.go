package parser

import (
	"slices"

	"github.com/segsync/segsync/jsonpath"
)

// builder applies the payload rules to extracted values and builds the Result. An
// evaluator feeds it the top-level values in any order, each member array's kind,
// and each member in array order; the builder keeps the first error of each member
// array, ranks errors in the order the semantics fix, and groups members into
// segments when it finishes. It holds members compactly, so that evaluators can
// stream.
type builder struct {
	p   *Program
	top [numTop]value
	// per member array: its kind, its first error, its accepted members
	lists [2]list
	// cohorts named by member overrides, and names, interned
	cohorts  []string
	cohortIx map[string]int32
	names    []string
	nameIx   map[string]int32
}

type list struct {
	kind    kind
	err     *Error
	records []record
	count   int // elements seen, accepted or not
}

// record is one accepted member operation.
type record struct {
	id     string
	cohort int32 // index into builder.cohorts, or -1 for the top-level cohort
	name   int32 // index into builder.names, or -1 for the top-level name
	add    bool  // in action mode: true when the action matches (set at finish)
}

func newBuilder(p *Program) *builder {
	return &builder{p: p}
}

// setTop records a top-level value; a later call for the same slot replaces it.
func (b *builder) setTop(slot int, v value) { b.top[slot] = v }

// startArray records the kind of member array i and drops anything collected for
// an earlier occurrence of it (a repeated key: the last one wins).
func (b *builder) startArray(i int, k kind) {
	b.lists[i] = list{kind: k, records: b.lists[i].records[:0]}
	if k != kindArray {
		b.lists[i].err = b.p.arrayError(i, k)
	}
}

// addMember applies the member rules to the index-th element of member array i.
// It returns a too_large error, which ends the payload at once; other errors are
// kept for finish.
func (b *builder) addMember(i, index int, m *member) *Error {
	l := &b.lists[i]
	// Every element counts towards the limit, even after an error in its array:
	// the verdict must not depend on where a bad member sits.
	l.count++
	if b.lists[0].count+b.lists[1].count > b.p.limits.MaxMembers {
		pa := b.p.arrays[i]
		return newError(CodeTooLarge, pa.ptr, pa.field, "more than %d members", b.p.limits.MaxMembers)
	}
	if l.err != nil {
		return nil
	}
	ptr := func(slot int) jsonpath.Pointer { return b.p.memberPointer(i, index, slot) }
	id, err := b.text(m[memberID], true, b.p.member[memberID], func() jsonpath.Pointer { return ptr(memberID) })
	if err != nil {
		l.err = err
		return nil
	}
	r := record{id: id, cohort: -1, name: -1}
	switch b.p.mode {
	case ModeBoolean:
		r.add, err = b.p.membership(m[memberBoolean].kind, func() jsonpath.Pointer { return ptr(memberBoolean) })
		if err != nil {
			l.err = err
			return nil
		}
	case ModeNamedArrays:
		r.add = i == 0
	}
	if b.p.member[memberCohortID].set {
		cid, err := b.text(m[memberCohortID], false, b.p.member[memberCohortID], func() jsonpath.Pointer { return ptr(memberCohortID) })
		if err != nil {
			l.err = err
			return nil
		}
		if cid != "" {
			r.cohort = intern(&b.cohorts, &b.cohortIx, cid)
		}
	}
	if b.p.member[memberCohortName].set {
		name, err := b.text(m[memberCohortName], false, b.p.member[memberCohortName], func() jsonpath.Pointer { return ptr(memberCohortName) })
		if err != nil {
			l.err = err
			return nil
		}
		if name != "" {
			r.name = intern(&b.names, &b.nameIx, name)
		}
	}
	l.records = append(l.records, r)
	return nil
}

func intern(table *[]string, index *map[string]int32, s string) int32 {
	if *index == nil {
		*index = make(map[string]int32)
	}
	if i, ok := (*index)[s]; ok {
		return i
	}
	i := int32(len(*table))
	*table = append(*table, s)
	(*index)[s] = i
	return i
}

// text applies the rule for text values (Program.checkText) and returns the text:
// "" for an absent value that is not required.
func (b *builder) text(v value, required bool, pa path, ptr func() jsonpath.Pointer) (string, *Error) {
	if err := b.p.checkText(v.kind, len(v.text), required, pa, ptr); err != nil {
		return "", err
	}
	return v.text, nil
}

// finish checks the top-level values, reports the first error in the fixed order,
// and groups the members into segments.
func (b *builder) finish() (*Result, error) {
	top, add, err := b.p.topLevel(func(slot int) (kind, int, string) {
		return b.top[slot].kind, len(b.top[slot].text), b.top[slot].text
	})
	if err != nil {
		return nil, err
	}
	for _, l := range b.lists[:len(b.p.arrays)] {
		if l.err != nil {
			return nil, l.err
		}
	}
	return &Result{
		EnvironmentID: top[topEnvironmentID],
		ContextKind:   top[topContextKind],
		Segments:      b.segments(top, add),
	}, nil
}

// segments groups the records by cohort: the top-level cohort first, then the
// override cohorts in order of first appearance. Within a segment, a member's last
// operation wins and each list keeps the order of first appearance.
func (b *builder) segments(top [numTop]string, actionAdd bool) []Segment {
	type acc struct {
		seg     Segment
		members []string // member IDs in order of first appearance
	}
	segs := []*acc{{seg: Segment{CohortID: top[topCohortID], CohortName: top[topCohortName]}}}
	segIx := map[string]int{top[topCohortID]: 0}
	final := make(map[[2]string]bool) // (cohort ID, member ID) -> added
	for _, l := range b.lists[:len(b.p.arrays)] {
		for _, r := range l.records {
			cid := top[topCohortID]
			if r.cohort >= 0 {
				cid = b.cohorts[r.cohort]
			}
			si, ok := segIx[cid]
			if !ok {
				name := top[topCohortName]
				if r.name >= 0 {
					name = b.names[r.name]
				}
				si = len(segs)
				segIx[cid] = si
				segs = append(segs, &acc{seg: Segment{CohortID: cid, CohortName: name}})
			}
			add := r.add
			if b.p.mode == ModeAction {
				add = actionAdd
			}
			key := [2]string{cid, r.id}
			if _, seen := final[key]; !seen {
				segs[si].members = append(segs[si].members, r.id)
			}
			final[key] = add
		}
	}
	out := make([]Segment, len(segs))
	for i, a := range segs {
		s := a.seg
		s.CohortURL = top[topCohortURL]
		if b.p.integrationKey != "" {
			s.SegmentKey = b.p.integrationKey + "-" + s.CohortID
		}
		var add, remove []string
		for _, id := range a.members {
			if final[[2]string{s.CohortID, id}] {
				add = append(add, id)
			} else {
				remove = append(remove, id)
			}
		}
		s.Add, s.Remove = NewMembers(add...), NewMembers(remove...)
		out[i] = s
	}
	return slices.Clip(out)
}

// value is one extracted value: its kind, and for strings and numbers its text
// (unescaped string contents, or the number's literal text).
type value struct {
	kind kind
	text string
}

// member holds the values extracted from one member, by member slot.
type member [numMember]value
