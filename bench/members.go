package bench

import (
	"hash/fnv"
	"regexp"

	"github.com/segsync/segsync/parser"
)

// Member is one member operation a payload asks for: the member's ID (a string's
// unescaped text, or a number's literal), its cohort and whether it is added.
type Member struct {
	Cohort string
	Add    bool
	ID     string
}

// Digest summarises a list of member operations, independently of their order:
// how many there are and the sum of a hash of each.
type Digest struct {
	Count int
	Sum   uint64
}

// DigestOf returns the digest of ms.
func DigestOf(ms []Member) Digest {
	d := Digest{Count: len(ms)}
	for _, m := range ms {
		h := fnv.New64a()
		h.Write([]byte(m.Cohort))
		if m.Add {
			h.Write([]byte{0, '+', 0})
		} else {
			h.Write([]byte{0, '-', 0})
		}
		h.Write([]byte(m.ID))
		d.Sum += h.Sum64()
	}
	return d
}

// ResultMembers returns the member operations of a segsync result.
func ResultMembers(r *parser.Result) []Member {
	var out []Member
	for _, s := range r.Segments {
		for id := range s.Add.Values() {
			out = append(out, Member{Cohort: s.CohortID, Add: true, ID: id})
		}
		for id := range s.Remove.Values() {
			out = append(out, Member{Cohort: s.CohortID, Add: false, ID: id})
		}
	}
	return out
}

// layout is what a peer needs to know to extract the members of a shape, read
// from the shape's manifest by hand: the member arrays and how their operation is
// decided, the member keys, and where the top-level cohort and the action are.
type layout struct {
	arrays    []array
	id        string // member key of the ID
	value     string // member key of the boolean membership, or ""
	cohort    string // member key of the cohort override, or ""
	topCohort []string
	action    []string // pointer to the action value, or nil
}

// array is a member array and the operation of its members: opValue reads the
// member's boolean, opAction the action, opAdd and opRemove are fixed.
type array struct {
	path []string
	op   op
}

type op int

const (
	opValue op = iota
	opAdd
	opRemove
	opAction
)

// actionAdds is the zeotap manifest's arrayInclusion matcher.
var actionAdds = regexp.MustCompile(`^(members|add_members)$`)

func (s Shape) layout() layout {
	switch s {
	case Amplitude:
		return layout{arrays: []array{{[]string{"batch"}, opValue}}, id: "userId", value: "value", cohort: "cohortId",
			topCohort: []string{"batch", "0", "cohortId"}}
	case Rudderstack:
		return layout{arrays: []array{{[]string{"listData", "add"}, opAdd}, {[]string{"listData", "remove"}, opRemove}},
			id: "id", topCohort: []string{"cohortId"}}
	}
	return layout{arrays: []array{{[]string{"parameters", "members"}, opAction}}, id: "integration_distinct_id",
		topCohort: []string{"parameters", "integration_cohort_id"}, action: []string{"action"}}
}

// finish fills in what a peer could only know at the end: the top-level cohort of
// members without an override, and the operation of action-mode members.
func finish(ms []Member, topCohort string, action string, l layout) {
	adds := l.action != nil && actionAdds.MatchString(action)
	for i := range ms {
		if ms[i].Cohort == "" {
			ms[i].Cohort = topCohort
		}
		if l.action != nil {
			ms[i].Add = adds
		}
	}
}
