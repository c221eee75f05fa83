package jsonscan

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
)

// maxStates bounds the compiled automaton; real queries need a handful of states.
const maxStates = 1 << 14

// A tnode is a node of the pointer trie: a set of paths sharing a prefix.
type tnode struct {
	id       int
	children map[string]*tnode
	keys     []string // the children's tokens, in the order they were added
	captures []capture
	each     []eachPath
	resets   []int // slots at or below this node, outside element sub-tries
}

type capture struct {
	slot   int
	raw    bool
	maxLen int // the longest JSON text held for it
}

type eachPath struct {
	slot int
	sub  *tnode // the trie of the element-relative paths
}

// A state is a state of the deterministic automaton built from the trie: the set of
// trie nodes that match the value being scanned. A nil *state means nothing matches
// at or below the value, which is then validated and skipped.
type state struct {
	caps []capture // values to deliver here
	each []int     // Each slots whose array is here
	// keys maps member names to the state of their values.
	keys   []keyEdge
	keyMap map[string]int // index into keys, when there are many
	// keyLens has bit n set when a member name of n bytes may have an edge in
	// keys: some key is that long, or one is 64 bytes or longer, or keyMap is set.
	// The fast paths look up only the names whose length has its bit set.
	keyLens uint64
	// idx and elem give the state of an array element: idx for the indices some path
	// names (already merged with elem), elem for any other element.
	idx  []idxEdge
	elem *state
	// lastIdx is the largest index of idx, or -1: the elements after it are
	// all at elem.
	lastIdx int
	resets  []int // slots to reset when a member name that leads here repeats
	wants   bool  // caps or each is not empty
	rawCap  bool  // some capture wants the raw text
	// plain is true when a value here is delivered to one capture, of its
	// decoded text, and to no Each slot: the common case, which scalarBuffered
	// delivers without a loop, and members delivers as it finds it.
	plain bool
	// keepLen is the longest JSON text a capture here holds: a longer value is
	// validated without being held, and delivered with Handler.Overflow.
	keepLen int
	live    bool // something is delivered here or below
	objIn   bool // an object here has members to visit
	arrIn   bool // an array here has elements to visit or Each slots
	// heads holds keyHead of each key of keys, for lookupShort.
	heads []uint64
	// flat is true when an object here is read by flat: nothing is delivered
	// for the object itself, it has at most maxFlatKeys key edges, not in a
	// map, and each leads to a plain state with nothing to visit inside.
	flat bool
	// flatCaps holds, for a flat state, the capture of each key edge's value.
	flatCaps [maxFlatKeys]capture
}

type keyEdge struct {
	key  string
	next *state
}

type idxEdge struct {
	index int
	next  *state
}

type builder struct {
	nodes  int
	states map[string]*state
	maxLen int // the default maxLen of a capture
	maxKey int // the longest token, in bytes
}

// build compiles paths into the automaton's root state; maxLen is the maxLen of
// paths that set none.
func build(paths []Path, maxLen int) (*state, *builder, error) {
	b := &builder{states: make(map[string]*state), maxLen: maxLen}
	root := b.node()
	for _, p := range paths {
		if err := b.add(root, p); err != nil {
			return nil, nil, err
		}
	}
	root.computeResets()
	st, err := b.state([]*tnode{root})
	return st, b, err
}

func (b *builder) node() *tnode {
	b.nodes++
	return &tnode{id: b.nodes, children: make(map[string]*tnode)}
}

func (b *builder) add(root *tnode, p Path) error {
	n := root
	for _, tok := range p.Tokens {
		b.maxKey = max(b.maxKey, len(tok))
		c, ok := n.children[tok]
		if !ok {
			c = b.node()
			n.children[tok] = c
			n.keys = append(n.keys, tok)
		}
		n = c
	}
	switch {
	case p.Each && p.Raw:
		return &CompileError{Slot: p.Slot, Msg: "an Each path cannot be Raw"}
	case !p.Each && len(p.Elements) > 0:
		return &CompileError{Slot: p.Slot, Msg: "Elements given without Each"}
	case p.Each:
		sub := b.node()
		for _, e := range p.Elements {
			if err := b.add(sub, e); err != nil {
				return err
			}
		}
		sub.computeResets()
		n.each = append(n.each, eachPath{slot: p.Slot, sub: sub})
	default:
		maxLen := p.MaxLen
		if maxLen <= 0 {
			maxLen = b.maxLen
		}
		n.captures = append(n.captures, capture{slot: p.Slot, raw: p.Raw, maxLen: maxLen})
	}
	return nil
}

// computeResets fills resets for n and its descendants (not element sub-tries, which
// their add computed).
func (n *tnode) computeResets() []int {
	var r []int
	for _, c := range n.captures {
		r = append(r, c.slot)
	}
	for _, e := range n.each {
		r = append(r, e.slot)
	}
	for _, k := range n.keys {
		r = append(r, n.children[k].computeResets()...)
	}
	n.resets = dedup(r)
	return n.resets
}

func dedup(s []int) []int {
	var out []int
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// arrayIndex reports the index a token names in an array: "0" or a digit string
// without leading zeros. Tokens too long to be an index of any array in memory never
// match.
func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 18 || (tok[0] == '0' && len(tok) > 1) {
		return 0, false
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(tok)
	return n, err == nil
}

func (b *builder) state(set []*tnode) (*state, error) {
	if len(set) == 0 {
		return nil, nil
	}
	slices.SortFunc(set, func(x, y *tnode) int { return x.id - y.id })
	set = slices.CompactFunc(set, func(x, y *tnode) bool { return x == y })
	var id strings.Builder
	for _, n := range set {
		id.WriteString(strconv.Itoa(n.id))
		id.WriteByte(',')
	}
	if st, ok := b.states[id.String()]; ok {
		return st, nil
	}
	if len(b.states) >= maxStates {
		return nil, &CompileError{Slot: -1, Msg: "too many overlapping paths"}
	}
	st := &state{}
	b.states[id.String()] = st

	var keys []string
	var elemRoots []*tnode
	for _, n := range set {
		st.caps = append(st.caps, n.captures...)
		for _, e := range n.each {
			st.each = append(st.each, e.slot)
			elemRoots = append(elemRoots, e.sub)
		}
		st.resets = append(st.resets, n.resets...)
		for _, k := range n.keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	st.resets = dedup(st.resets)
	for _, c := range st.caps {
		st.rawCap = st.rawCap || c.raw
		st.keepLen = max(st.keepLen, c.maxLen)
	}
	st.wants = len(st.caps) > 0 || len(st.each) > 0
	st.plain = len(st.caps) == 1 && !st.caps[0].raw && len(st.each) == 0
	for _, k := range keys {
		var next []*tnode
		for _, n := range set {
			if c, ok := n.children[k]; ok {
				next = append(next, c)
			}
		}
		ns, err := b.state(next)
		if err != nil {
			return nil, err
		}
		if ns != nil {
			st.keys = append(st.keys, keyEdge{k, ns})
		}
		if i, ok := arrayIndex(k); ok {
			ns, err := b.state(append(next, elemRoots...))
			if err != nil {
				return nil, err
			}
			if ns != nil {
				st.idx = append(st.idx, idxEdge{i, ns})
			}
		}
	}
	elem, err := b.state(elemRoots)
	if err != nil {
		return nil, err
	}
	st.elem = elem
	st.lastIdx = -1
	for _, e := range st.idx {
		st.lastIdx = max(st.lastIdx, e.index)
	}
	if len(st.keys) > 8 {
		st.keyMap = make(map[string]int, len(st.keys))
		for i, e := range st.keys {
			st.keyMap[e.key] = i
		}
	}
	st.keyLens = keyLengths(st.keys, st.keyMap != nil)
	st.heads = make([]uint64, len(st.keys))
	for i, e := range st.keys {
		st.heads[i] = keyHead(e.key)
	}
	st.objIn = len(st.keys) > 0
	st.flat = st.objIn && !st.wants && st.keyMap == nil && len(st.keys) <= maxFlatKeys
	for _, e := range st.keys {
		st.flat = st.flat && e.next.plain && !e.next.objIn && !e.next.arrIn
	}
	if st.flat {
		for i, e := range st.keys {
			st.flatCaps[i] = e.next.caps[0]
		}
	}
	st.arrIn = len(st.each) > 0 || len(st.idx) > 0 || st.elem != nil
	st.live = st.wants || st.objIn || st.arrIn
	if !st.live {
		// Nothing here or below: skip such values.
		b.states[id.String()] = nil
		return nil, nil
	}
	return st, nil
}

// keyLengths returns the keyLens mask of keys: bit n for each key of n bytes,
// and every bit when a key is 64 bytes or longer or when the keys are looked up
// in a map.
func keyLengths(keys []keyEdge, mapped bool) uint64 {
	if mapped {
		return ^uint64(0)
	}
	var m uint64
	for _, k := range keys {
		if len(k.key) >= 64 {
			return ^uint64(0)
		}
		m |= 1 << len(k.key)
	}
	return m
}

// noHead is the keyHead of the keys that lookupShort never finds: no name of
// eight bytes or fewer without an escape is eight 0xff bytes, which are not
// UTF-8.
const noHead = ^uint64(0)

// keyHead returns the key's bytes as a little-endian number, zero past its
// end, when the key is eight bytes or shorter and has no zero byte, and noHead
// otherwise.
func keyHead(key string) uint64 {
	if len(key) > 8 || strings.IndexByte(key, 0) >= 0 {
		return noHead
	}
	var b [8]byte
	copy(b[:], key)
	return binary.LittleEndian.Uint64(b[:])
}

// shortMask holds, at n (0 to 8), the mask that keeps the first n bytes of a
// little-endian word: lookupShort's cut of a name from the bytes after it. The
// table has 16 entries so that n&15 needs no bounds check.
var shortMask = func() (t [16]uint64) {
	for n := 1; n < 8; n++ {
		t[n] = 1<<(8*n) - 1
	}
	t[8] = ^uint64(0)
	return t
}()

// lookupShort is lookup of the member name buf[p:p+n], for n of 8 or less when
// buf has eight bytes from p and the name has no escape and no control
// character: the name, a number as in keyHead, is compared with the keys'
// heads, with one load and no call. (Zero bytes past the name do not make a
// shorter key match, as no key with a head has a zero byte.)
func (st *state) lookupShort(buf []byte, p int, n uint) (*state, int) {
	h := binary.LittleEndian.Uint64(buf[p:]) & shortMask[n&15]
	for i, k := range st.heads {
		if k == h {
			return st.keys[i].next, i
		}
	}
	return nil, -1
}

// lookup returns the state of the member named key and the edge's index, or nil.
func (st *state) lookup(key []byte) (*state, int) {
	if st.keyMap != nil {
		if i, ok := st.keyMap[string(key)]; ok {
			return st.keys[i].next, i
		}
		return nil, -1
	}
	for i := range st.keys {
		if st.keys[i].key == string(key) {
			return st.keys[i].next, i
		}
	}
	return nil, -1
}

// element returns the state of the array element at index i.
func (st *state) element(i int) *state {
	for _, e := range st.idx {
		if e.index == i {
			return e.next
		}
	}
	return st.elem
}
