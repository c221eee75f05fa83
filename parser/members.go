package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
)

// Members is a list of member IDs, as a Segment's Add and Remove hold them. It is
// compact: one text holds the IDs one after another, and each ID costs its bytes
// and a 4-byte end offset, where a []string costs a 16-byte header per ID.
//
// The zero value is an empty list. A Members is never changed once made: it may
// be copied, and used by multiple goroutines at once. Its form is canonical: two
// Members with the same IDs in the same order are equal under reflect.DeepEqual,
// however they were made.
type Members struct {
	text string   // the IDs, one after another
	ends []uint32 // ends[i] is where ID i ends in text (and ID i+1 starts); nil when empty
	// long holds the IDs instead, as strings, when text would be longer than
	// maxMembersText (the end offsets would not fit 32 bits); else nil.
	long *[]string
}

// maxMembersText is the most bytes of text a Members holds with end offsets; a
// longer list holds its IDs as strings. A variable, so that tests can lower it.
var maxMembersText int64 = math.MaxUint32

// NewMembers returns the list of ids, copied into the compact form.
func NewMembers(ids ...string) Members {
	if len(ids) == 0 {
		return Members{}
	}
	n := 0
	for _, id := range ids {
		n += len(id)
	}
	if int64(n) > maxMembersText {
		long := slices.Clone(ids)
		return Members{long: &long}
	}
	text := make([]byte, 0, n)
	ends := make([]uint32, len(ids))
	for i, id := range ids {
		text = append(text, id...)
		ends[i] = uint32(len(text))
	}
	return Members{text: bytesString(text), ends: ends}
}

// membersOf returns the Members of the IDs in text, where ends[i] is the end of
// ID i relative to the start of text, modulo 2³² (each ID is shorter than
// 4 GiB): ends as the form has them while text fits maxMembersText, else the IDs
// cut from text as strings. It keeps text and ends.
func membersOf(text string, ends []uint32) Members {
	switch {
	case len(ends) == 0:
		return Members{}
	case int64(len(text)) > maxMembersText:
		long := make([]string, len(ends))
		start, prev := 0, uint32(0)
		for i, e := range ends {
			n := int(e - prev) // modulo 2³²
			long[i], start, prev = text[start:start+n], start+n, e
		}
		return Members{long: &long}
	}
	return Members{text: text, ends: ends}
}

// Len returns the number of IDs.
func (m Members) Len() int {
	if m.long != nil {
		return len(*m.long)
	}
	return len(m.ends)
}

// At returns ID i, without allocating. It panics if i is out of range.
func (m Members) At(i int) string {
	if m.long != nil {
		return (*m.long)[i]
	}
	end := m.ends[i]
	start := uint32(0)
	if i > 0 {
		start = m.ends[i-1]
	}
	return m.text[start:end]
}

// All returns an iterator over the indexes and IDs, in order.
func (m Members) All() iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if m.long != nil {
			for i, id := range *m.long {
				if !yield(i, id) {
					return
				}
			}
			return
		}
		start := uint32(0)
		for i, end := range m.ends {
			if !yield(i, m.text[start:end]) {
				return
			}
			start = end
		}
	}
}

// Values returns an iterator over the IDs, in order.
func (m Members) Values() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, id := range m.All() {
			if !yield(id) {
				return
			}
		}
	}
}

// Strings returns the IDs in a new slice, whose strings share the list's text.
// It is never nil: an empty list gives an empty slice, which encoding/json
// writes as [] as it writes the Members.
func (m Members) Strings() []string {
	out := make([]string, m.Len())
	for i, id := range m.All() {
		out[i] = id
	}
	return out
}

// Equal reports whether m and o hold the same IDs in the same order.
func (m Members) Equal(o Members) bool {
	if m.long == nil && o.long == nil {
		return m.text == o.text && slices.Equal(m.ends, o.ends)
	}
	if m.Len() != o.Len() {
		return false
	}
	for i, id := range m.All() {
		if o.At(i) != id {
			return false
		}
	}
	return true
}

// Format prints the list as fmt prints the []string of Strings, for every verb
// and flag: fmt.Sprint(m) is "[a b]" and fmt.Sprintf("%q", m) is `["a" "b"]`.
func (m Members) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), m.Strings())
}

// MarshalJSON returns the list as a JSON array of strings, never null: with
// encoding/json, the same bytes as for the []string of Strings, whether or not
// the encoder escapes HTML. (It encodes them without HTML escapes: an encoder
// that escapes HTML escapes what MarshalJSON returns.)
func (m Members) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m.Strings()); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON sets the list from a JSON array of strings; null gives an empty
// list.
func (m *Members) UnmarshalJSON(b []byte) error {
	var ids []string
	if err := json.Unmarshal(b, &ids); err != nil {
		return err
	}
	*m = NewMembers(ids...)
	return nil
}
