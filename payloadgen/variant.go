package payloadgen

import (
	"fmt"

	"github.com/segsync/segsync/parser"
)

// Variant is one way a valid payload departs from a plain example, so that a
// difference between two implementations on valid payloads can be told apart
// by what causes it.
type Variant int

// The variants of valid payloads.
const (
	Plain         Variant = iota // a plain example: adds, string IDs, every value present
	Removals                     // members removed: false in boolean mode, a non-matching action, the remove array
	ZeroID                       // a member ID that is the number 0
	NumberIDs                    // member IDs that are numbers
	BigNumberIDs                 // member IDs that are integers past float64's precision
	EscapedIDs                   // member IDs written with escapes and a surrogate pair
	OtherCohorts                 // members of other cohorts, by the member cohort overrides
	NoOptionals                  // the context kind and cohort URL left out
	NullOptionals                // the context kind and cohort URL null
	NumberValues                 // the environment and cohort IDs as numbers
	ExtraKeys                    // keys the spec does not read, at the top and in members
	NoMembers                    // no member at all (where the spec allows it)
	RepeatedIDs                  // one ID added, then removed: the last operation wins
)

var variantNames = [...]string{"plain", "removals", "zero-id", "number-ids", "big-number-ids", "escaped-ids", "other-cohorts", "no-optionals", "null-optionals", "number-values", "extra-keys", "no-members", "repeated-ids"}

// String names the variant in kebab case ("zero-id").
func (v Variant) String() string {
	if v >= 0 && int(v) < len(variantNames) {
		return variantNames[v]
	}
	return fmt.Sprintf("Variant(%d)", int(v))
}

// Variants are every variant of valid payloads.
var Variants = []Variant{Plain, Removals, ZeroID, NumberIDs, BigNumberIDs, EscapedIDs, OtherCohorts, NoOptionals, NullOptionals, NumberValues, ExtraKeys, NoMembers, RepeatedIDs}

// ValidVariant returns a valid payload that departs from a plain example in the
// one way v says, and false (with a nil error) when the spec has no such
// payload: other cohorts need cohort overrides, removals in action mode a
// matcher that can fail. Payload.Members lists its members; with RepeatedIDs,
// the same ID twice.
func (g *Generator) ValidVariant(v Variant) (*Payload, bool, error) {
	s := g.shape
	n := max(s.MinMembers(), 2)
	b := g.plan(true)
	ids := plainIDs(g.rng, n)
	add := v != Removals
	switch v {
	case ZeroID:
		ids[0] = num("0")
	case NumberIDs:
		for i := range ids {
			ids[i] = num(fmt.Sprint(100 + i))
		}
	case BigNumberIDs:
		for i := range ids {
			ids[i] = num(fmt.Sprintf("1234567890123456789%02d", i))
		}
	case EscapedIDs:
		for i := range ids {
			ids[i] = text{fmt.Sprintf(`"u\"\\\u00e9\ud83d\ude00-%d"`, i), fmt.Sprintf("u\"\\é😀-%d", i)}
		}
	case NoOptionals:
		b.kind, b.url = nil, nil
	case NullOptionals:
		b.kind, b.url, b.nullKind, b.nullURL = nil, nil, true, true
	case NumberValues:
		env, cohort := num("1234567"), num("98765432109876543210")
		b.env, b.cohortID = &env, &cohort
	case ExtraKeys:
		b.extras = true
	case NoMembers:
		n, ids = s.MinMembers(), ids[:s.MinMembers()]
		if n > 0 {
			return nil, false, nil
		}
	case OtherCohorts:
		if !s.MemberCohortID.Set {
			return nil, false, nil
		}
	case RepeatedIDs:
		if s.Mode == parser.ModeAction {
			return nil, false, nil // one action for the batch: no add then remove
		}
	}
	for i, id := range ids {
		m := plannedMember{id: id, add: add}
		if v == OtherCohorts && i >= s.MinMembers() {
			c := fmt.Sprintf("other-cohort-%d", i%2)
			m.cohortID, m.cohortName = &c, &c
		}
		b.members = append(b.members, m)
	}
	if v == RepeatedIDs {
		b.members = append(b.members, plannedMember{id: ids[len(ids)-1], add: false})
	}
	if v == Removals && s.Mode == parser.ModeNamedArrays {
		// The add array must still hold what top-level pointers read there.
		need := s.minMembers(s.Add)
		for i := range need {
			b.members[i].add = true
		}
	}
	p, err := b.build(g.rng, true)
	if err != nil {
		if v == Plain {
			return nil, false, err
		}
		return nil, false, nil
	}
	p.Variant = v
	return p, true, nil
}
