package payloadgen

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/segsync/segsync/jsonpath"
)

// A node is one JSON value of a payload being built. Objects keep their members
// in order and may repeat a name (a near miss does that on purpose); a leaf holds
// its JSON text verbatim, which may be invalid on purpose (a lone surrogate
// escape, invalid UTF-8, deep nesting written out).
type node struct {
	kind    nodeKind
	members []member // object
	elems   []*node  // array
	raw     []byte   // leaf
}

type nodeKind uint8

const (
	kindObject nodeKind = iota + 1
	kindArray
	kindLeaf
)

type member struct {
	name string
	val  *node
}

// errConflict reports that two of the spec's pointers need different values at
// one place of the payload.
var errConflict = errors.New("two pointers need different values at one place")

func object() *node            { return &node{kind: kindObject} }
func array() *node             { return &node{kind: kindArray} }
func leaf(raw string) *node    { return &node{kind: kindLeaf, raw: []byte(raw)} }
func rawLeaf(raw []byte) *node { return &node{kind: kindLeaf, raw: raw} }

// stringLeaf is a leaf holding s as a JSON string.
func stringLeaf(s string) *node {
	b, _ := json.Marshal(s)
	return rawLeaf(b)
}

// get returns the last member named name (the one a JSON reader keeps).
func (n *node) get(name string) *node {
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].name == name {
			return n.members[i].val
		}
	}
	return nil
}

// put sets the member named name, replacing the last one of that name.
func (n *node) put(name string, v *node) {
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].name == name {
			n.members[i].val = v
			return
		}
	}
	n.members = append(n.members, member{name, v})
}

// del removes every member named name and reports whether there was one.
func (n *node) del(name string) bool {
	out := n.members[:0]
	for _, m := range n.members {
		if m.name != name {
			out = append(out, m)
		}
	}
	found := len(out) < len(n.members)
	n.members = out
	return found
}

// child returns the child that token names in n, or nil.
func (n *node) child(token string) *node {
	switch n.kind {
	case kindObject:
		return n.get(token)
	case kindArray:
		if i, ok := jsonpath.ArrayIndex(token, len(n.elems)); ok {
			return n.elems[i]
		}
	}
	return nil
}

// lookup evaluates tokens from n as SEMANTICS §3 does, the last of repeated names
// winning; nil when nothing is found.
func (n *node) lookup(tokens []string) *node {
	for _, t := range tokens {
		if n == nil {
			return nil
		}
		n = n.child(t)
	}
	return n
}

// set places v at tokens below n, creating objects on the way. An array on the
// way is descended only by an index inside it. When a leaf is already there, set
// keeps it and returns it if it has the same text, and errConflict otherwise; a
// container already there is errConflict unless v is nil (make sure the place
// exists: an object is created when nothing is there).
func (n *node) set(tokens []string, v *node) (*node, error) {
	if len(tokens) == 0 {
		return nil, errConflict
	}
	cur := n
	for i, t := range tokens {
		last := i == len(tokens)-1
		var next *node
		switch cur.kind {
		case kindObject:
			next = cur.get(t)
		case kindArray:
			idx, ok := jsonpath.ArrayIndex(t, len(cur.elems))
			if !ok {
				return nil, errConflict
			}
			next = cur.elems[idx]
		default:
			return nil, errConflict
		}
		if last {
			switch {
			case next == nil && v == nil:
				next = object()
			case next == nil:
				next = v
			case v == nil:
				return next, nil
			case next.kind == kindLeaf && v.kind == kindLeaf && bytes.Equal(next.raw, v.raw):
				return next, nil
			default:
				return nil, errConflict
			}
		} else if next == nil {
			next = object()
		}
		if cur.kind == kindObject {
			if cur.get(t) == nil {
				cur.put(t, next)
			}
		} else {
			idx, _ := jsonpath.ArrayIndex(t, len(cur.elems))
			cur.elems[idx] = next
		}
		cur = next
	}
	return cur, nil
}

// clone copies n deeply.
func (n *node) clone() *node {
	if n == nil {
		return nil
	}
	c := &node{kind: n.kind, raw: n.raw}
	if n.members != nil {
		c.members = make([]member, len(n.members))
		for i, m := range n.members {
			c.members[i] = member{m.name, m.val.clone()}
		}
	}
	if n.elems != nil {
		c.elems = make([]*node, len(n.elems))
		for i, e := range n.elems {
			c.elems[i] = e.clone()
		}
	}
	return c
}

// encode writes n as JSON text, compact.
func (n *node) encode(b *bytes.Buffer) {
	switch n.kind {
	case kindObject:
		b.WriteByte('{')
		for i, m := range n.members {
			if i > 0 {
				b.WriteByte(',')
			}
			name, _ := json.Marshal(m.name)
			b.Write(name)
			b.WriteByte(':')
			m.val.encode(b)
		}
		b.WriteByte('}')
	case kindArray:
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.encode(b)
		}
		b.WriteByte(']')
	default:
		b.Write(n.raw)
	}
}

// bytes returns n as compact JSON text.
func (n *node) bytes() []byte {
	var b bytes.Buffer
	n.encode(&b)
	return b.Bytes()
}

// String returns n as JSON text, for test failures.
func (n *node) String() string { return string(n.bytes()) }

// Indent returns a payload indented for people when it is valid JSON, and as
// it is otherwise. Names and number literals are kept as written.
func Indent(data []byte) []byte {
	var b bytes.Buffer
	if json.Valid(data) && json.Indent(&b, data, "", "  ") == nil {
		return b.Bytes()
	}
	return data
}
