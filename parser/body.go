package parser

import (
	"math"
	"slices"
	"strconv"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

// bodyPlan says how Respond builds the template's requestBody from a scan: which
// parts of the payload the template reads (handlebars.Template.ContextPaths), each
// captured as raw JSON and decoded alone, and the kinds of the values on the way to
// them, so that a partial tree answers every lookup the template makes as the whole
// payload would. A template that reads nothing of requestBody gets none; one whose
// reads cannot be listed statically (../, @root, #each over the root context, an
// unknown helper) or that reads the whole body gets the whole payload, decoded.
type bodyPlan struct {
	none  bool
	whole bool      // slot slotRawBase holds the whole payload, raw
	root  *bodyNode // the trie of the paths read, when neither
	paths []jsonscan.Path
	// scalarless marks, by slot from slotRawBase, the inner nodes whose scalar
	// text no lookup reads: none of their children is an array index (a string's
	// character), and a lookup of any other name on a string or a number is
	// undefined whatever its text. Such a scalar is captured without its text,
	// so that a long one costs nothing of the capture budget. Count slots are
	// scalarless too.
	scalarless []bool
	// charges marks the count slots of arrays built at their length (read by
	// index as well), whose elements are charged to the capture budget.
	charges []bool
}

// chargesElements reports whether the elements counted at a count slot are
// charged to the capture budget.
func (bp *bodyPlan) chargesElements(slot int) bool {
	r := slot - slotRawBase
	return r >= 0 && r < len(bp.charges) && bp.charges[r]
}

// textless reports whether the capture at a body slot needs no scalar text.
func (bp *bodyPlan) textless(slot int) bool {
	r := slot - slotRawBase
	return r >= 0 && r < len(bp.scalarless) && bp.scalarless[r]
}

// pointer returns the payload pointer of the part captured at a body slot.
func (bp *bodyPlan) pointer(slot int) jsonpath.Pointer {
	for _, pa := range bp.paths {
		if pa.Slot == slot {
			return jsonpath.New(pa.Tokens...)
		}
	}
	return ""
}

// bodyNode is a node of the trie of paths read: a leaf's value is read whole (raw
// capture); an inner node's kind (and scalar value) is captured so that lookups
// through it behave as on the payload. An inner node whose length is read (a
// "length" child) also counts the elements of an array there (countSlot, an Each
// path with no elements), so that an array's length costs nothing of the capture
// budget unless elements are also read by index (indexed): the array is then
// built at its length, 16 bytes an element, charged to the budget.
type bodyNode struct {
	slot      int // raw slot of a leaf, or capture slot of an inner node
	leaf      bool
	keys      []string
	children  map[string]*bodyNode
	countSlot int  // the slot counting an array's elements, or 0
	indexed   bool // a child is an array index
}

// planBody analyses the template's reads. The member array and the other slots of
// the program's query come first; body slots start at slotRawBase.
func planBody(t *handlebars.Template) *bodyPlan {
	all, complete := t.ContextPaths()
	var reads [][]string
	for _, p := range all {
		if len(p) == 0 || p[0] != "requestBody" {
			if len(p) == 0 {
				complete = false // the root context read whole
			}
			continue
		}
		// A read ending in "length" reads an array's or a string's length, or an
		// object's member: its value is an inner node with a "length" child.
		reads = append(reads, p[1:])
	}
	if !complete {
		return &bodyPlan{whole: true, paths: []jsonscan.Path{{Slot: slotRawBase, Raw: true}}}
	}
	if len(reads) == 0 {
		return &bodyPlan{none: true}
	}
	// Keep the reads that no other read is a prefix of.
	slices.SortFunc(reads, slices.Compare[[]string])
	var kept [][]string
	for _, r := range reads {
		if n := len(kept); n > 0 && len(r) >= len(kept[n-1]) && slices.Equal(r[:len(kept[n-1])], kept[n-1]) {
			continue
		}
		kept = append(kept, r)
	}
	if len(kept[0]) == 0 {
		return &bodyPlan{whole: true, paths: []jsonscan.Path{{Slot: slotRawBase, Raw: true}}}
	}
	bp := &bodyPlan{root: &bodyNode{slot: slotRawBase}}
	bp.paths = append(bp.paths, jsonscan.Path{Slot: slotRawBase})
	next := slotRawBase + 1
	for _, r := range kept {
		n := bp.root
		for i, tok := range r {
			c, ok := n.children[tok]
			if !ok {
				c = &bodyNode{slot: next, leaf: i == len(r)-1}
				next++
				if n.children == nil {
					n.children = make(map[string]*bodyNode)
				}
				n.children[tok] = c
				n.keys = append(n.keys, tok)
				bp.paths = append(bp.paths, jsonscan.Path{Tokens: slices.Clone(r[:i+1]), Slot: c.slot, Raw: c.leaf})
			}
			n = c
		}
	}
	// Inner nodes whose length is read count an array's elements there.
	var count func(n *bodyNode, tokens []string)
	count = func(n *bodyNode, tokens []string) {
		if n.leaf {
			return
		}
		n.indexed = slices.ContainsFunc(n.keys, func(k string) bool {
			_, ok := arrayIndexToken(k)
			return ok
		})
		if c := n.children["length"]; c != nil && c.leaf {
			n.countSlot = next
			next++
			bp.paths = append(bp.paths, jsonscan.Path{Tokens: slices.Clone(tokens), Slot: n.countSlot, Each: true})
		}
		for _, k := range n.keys {
			count(n.children[k], append(tokens, k))
		}
	}
	count(bp.root, nil)
	bp.scalarless = make([]bool, next-slotRawBase)
	bp.charges = make([]bool, next-slotRawBase)
	var mark func(n *bodyNode)
	mark = func(n *bodyNode) {
		if n.leaf {
			return
		}
		// A string's text is read for a character (an index) or its length.
		bp.scalarless[n.slot-slotRawBase] = !n.indexed && n.countSlot == 0
		if n.countSlot != 0 {
			bp.scalarless[n.countSlot-slotRawBase] = true
			bp.charges[n.countSlot-slotRawBase] = n.indexed
		}
		for _, k := range n.keys {
			mark(n.children[k])
		}
	}
	mark(bp.root)
	return bp
}

// build returns the requestBody for a payload the scan accepted.
func (bp *bodyPlan) build(c *collector) any {
	switch {
	case bp == nil || bp.none:
		return nil
	case bp.whole:
		v, _ := decodeRaw(c.rawAt(slotRawBase))
		return v
	}
	v, _ := bp.root.build(c)
	return v
}

func decodeRaw(k kind, raw []byte) (any, bool) {
	if k == kindAbsent {
		return nil, false
	}
	// The payload passed the depth limit, so its parts do too.
	v, err := jsonvalue.Decode(raw, jsonvalue.MaxDepthCeiling)
	return v, err == nil
}

// build returns the value of the node and whether the payload has it.
func (n *bodyNode) build(c *collector) (any, bool) {
	k, text := c.rawAt(n.slot)
	if n.leaf {
		return decodeRaw(k, text)
	}
	switch k {
	case kindAbsent:
		return nil, false
	case kindNull:
		return nil, true
	case kindTrue:
		return true, true
	case kindFalse:
		return false, true
	case kindString:
		return string(text), true
	case kindNumber:
		return jsonvalue.Number(text), true
	case kindObject:
		o := &jsonvalue.Object{}
		for _, key := range n.keys {
			if v, ok := n.children[key].build(c); ok {
				o.Set(key, v)
			}
		}
		return o, true
	}
	// An array: the elements read, at their indexes; lookups of other indexes
	// never happen (a read of the whole array makes it a leaf). When its length is
	// read, it has its length: as the one member of an object when no element is
	// read by index (the only lookup through it is "length"), else as the array.
	var arr []any
	if n.countSlot != 0 {
		length := c.count(n.countSlot)
		if !n.indexed {
			o := &jsonvalue.Object{}
			o.Set("length", jsonvalue.Number(strconv.Itoa(length)))
			return o, true
		}
		arr = make([]any, length)
	}
	for _, key := range n.keys {
		i, ok := arrayIndexToken(key)
		if !ok {
			continue
		}
		if v, ok := n.children[key].build(c); ok {
			for len(arr) <= i {
				arr = append(arr, nil)
			}
			arr[i] = v
		}
	}
	if arr == nil {
		arr = []any{}
	}
	return arr, true
}

// arrayIndexToken reports the index a token names in an array, as jsonscan and
// jsonpath read it: "0" or digits without a leading zero.
func arrayIndexToken(tok string) (int, bool) {
	if tok == "" || len(tok) > 10 || (tok[0] == '0' && len(tok) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0, false
		}
		n = n*10 + int(tok[i]-'0')
	}
	return n, n < math.MaxUint32
}
