package parser

import (
	"hash/maphash"
	"unsafe"
)

// finish gives the verdict once the scan has accepted the whole payload: the
// capture budget of a response template first (Respond only), then the member
// limit (an evaluator over a tree stops at the member that passes it), then the
// top-level values, then the member arrays' first errors; then the result.
func (c *collector) finish() (*Result, error) {
	p := c.p
	if err := c.captureError(); err != nil {
		return nil, err
	}
	n0, n1 := c.lists[0].count, c.lists[1].count
	if n0 > p.limits.MaxMembers || n0+n1 > p.limits.MaxMembers {
		pa := p.arrays[0]
		if n0 <= p.limits.MaxMembers {
			pa = p.arrays[1]
		}
		return nil, newError(CodeTooLarge, pa.ptr, pa.field, "more than %d members", p.limits.MaxMembers)
	}
	texts := c.topTexts()
	top, add, err := p.topLevel(func(slot int) (kind, int, string) { return c.top[slot].kind, c.top[slot].n, texts[slot] })
	if err != nil {
		return nil, err
	}
	for i := range p.arrays {
		err := c.lists[i].err
		if err == nil && c.lists[i].kind == kindAbsent {
			// Never delivered: the member array is absent.
			err = p.arrayError(i, kindAbsent)
		}
		if err != nil {
			return nil, err
		}
	}
	return c.result(top, add), nil
}

// resultOne is a Result with room for one segment, the usual case, so that both
// come from one allocation; resultSmall has room for a few members' ends and the
// result's text too, the usual case of a small payload: its strings point into
// text (they are never written after topTexts and resultFew fill it), and its
// lists' ends into ends, so that the result and its lists take one allocation.
type resultOne struct {
	r   Result
	seg [1]Segment
}

type resultSmall struct {
	resultOne
	ends [maxSmallResult]uint32
	// text holds the result's strings when they fit (topTexts), or its IDs
	// alone when they do (result), else none.
	text [smallText]byte
}

// smallText is the room for text in resultSmall, which makes it 512 bytes (a
// size class): the bytes of a 1 kB payload's result.
const smallText = 512 - unsafe.Sizeof(resultOne{}) - maxSmallResult*unsafe.Sizeof(uint32(0))

const maxSmallResult = 4

// maxScanDedupe is the most records dedupe compares each with those before it
// rather than through its filter and hash table.
const maxScanDedupe = 8

// result builds the Result: it groups the records by cohort, as builder.segments
// does: the top-level cohort first, then override cohorts in order of first
// appearance; within a segment a member's last operation wins and each list keeps
// the order of first appearance (dedupe finds the repeats). The unique IDs are
// copied once, from the arenas, into one text (each list's IDs side by side, in
// their order), and their ends into one []uint32, so that the collector keeps
// every arena chunk for the next payload. The text is topTexts' block when the
// IDs are few (c.idRoom), else, for a few members, the result's own room
// (resultSmall), else a block of its own (the segments' other strings come from
// topTexts, in a block of their own: a caller that keeps a key does not keep
// the IDs alive with it).
func (c *collector) result(top [numTop]string, actionAdd bool) *Result {
	p := c.p
	lists := c.lists[:len(p.arrays)]
	// An action that adds is every record's operation.
	if p.mode == ModeAction && actionAdd {
		for _, l := range lists {
			for i := range l.recs {
				l.recs[i].n |= recAdd
			}
		}
	}
	if c.small != nil {
		return c.resultFew(top)
	}
	segs := c.segs
	idBytes, unique := c.dedupe()
	text := c.idRoom
	var res *Result
	var ends []uint32
	switch {
	case len(segs) == 1 && unique <= maxSmallResult:
		small := &resultSmall{}
		res, ends = &small.r, small.ends[:unique]
		res.Segments = small.seg[:]
		if text == nil && idBytes <= len(small.text) {
			text = small.text[:idBytes]
		}
	case len(segs) == 1:
		one := &resultOne{}
		res, ends = &one.r, make([]uint32, unique)
		res.Segments = one.seg[:]
	default:
		res, ends = &Result{Segments: make([]Segment, len(segs))}, make([]uint32, unique)
	}
	if text == nil {
		text = make([]byte, idBytes)
	}
	pos, e := 0, 0
	for i := range segs {
		for op := range segs[i].lists {
			l := &segs[i].lists[op]
			l.text0, l.end0, l.text, l.end = pos, e, pos, e
			pos, e = pos+l.bytes, e+l.n
		}
	}
	// The IDs are copied in runs: the consecutive records of one list whose
	// IDs sit side by side in the arena (the usual case) take one copy.
	g, overrides := 0, p.overrides
	for li, l := range lists {
		arena := c.arena[li]
		var to *memberList // the list of the run, nil before the first
		var chunk, from, end uint32
		dst := 0
		for _, r := range l.recs {
			if r.n&recDup != 0 {
				g++
				continue
			}
			s := &segs[0]
			if overrides {
				s = &segs[c.segOf[g]]
			}
			ml := &s.lists[r.n>>31]
			g++
			if ml != to || r.chunk != chunk || r.off != end {
				if to != nil {
					copy(text[dst:], arena[chunk][from:end])
				}
				to, chunk, from, end, dst = ml, r.chunk, r.off, r.off, ml.text
			}
			n := r.n & recLenMask
			end += n
			ml.text += int(n)
			ends[ml.end] = uint32(ml.text - ml.text0)
			ml.end++
		}
		if to != nil {
			copy(text[dst:], arena[chunk][from:end])
		}
	}
	res.EnvironmentID, res.ContextKind = top[topEnvironmentID], top[topContextKind]
	all := bytesString(text)
	for i := range segs {
		s := &segs[i]
		res.Segments[i] = Segment{CohortID: s.id, CohortName: s.name, CohortURL: top[topCohortURL], SegmentKey: s.key,
			Add: s.lists[opAdd].members(all, ends), Remove: s.lists[opRemove].members(all, ends)}
	}
	return res
}

// memberList is one list of a segment, its adds (segInfo.lists[opAdd]) or its
// removes (lists[opRemove]): dedupe counts its members and their IDs' bytes;
// result places it in its text and ends, at text0 and end0, and fills it,
// text and end being where its next ID goes.
type memberList struct {
	n, bytes    int
	text0, end0 int
	text, end   int
}

// The indexes of segInfo.lists: a record's operation bit, recAdd, shifted down.
const (
	opRemove = 0
	opAdd    = recAdd >> 31
)

// members returns the list, once result has filled it, in the text all and
// the ends.
func (l *memberList) members(all string, ends []uint32) Members {
	return membersOf(all[l.text0:l.text0+l.bytes], ends[l.end0:l.end0+l.n:l.end0+l.n])
}

// resultFew is result for a small result, allocated by topTexts with room for
// its IDs (c.small: one segment, at most maxSmallResult records, whose IDs fit
// c.idRoom), once result has set the records' operations: each record is
// compared with the members before it, and the unique IDs are copied to the
// room, the adds' then the removes', with their ends in the result.
func (c *collector) resultFew(top [numTop]string) *Result {
	var ids [maxSmallResult][]byte // the members, in order of first appearance
	var adds [maxSmallResult]bool  // and their last operations
	u := 0
	for li, l := range c.lists[:len(c.p.arrays)] {
		for _, r := range l.recs {
			id := c.bytes(li, r.chunk, r.off, int(r.n&recLenMask))
			j := 0
			for j < u && string(ids[j]) != string(id) {
				j++
			}
			if j == u {
				ids[j] = id
				u++
			}
			adds[j] = r.n&recAdd != 0
		}
	}
	small, text := c.small, c.idRoom
	ends := small.ends[:u:u]
	// The adds then the removes: pos is where the next ID goes, k its index,
	// and nAdd and addBytes where the removes start.
	pos, k, nAdd, addBytes := 0, 0, 0, 0
	for _, add := range [2]bool{true, false} {
		for j, id := range ids[:u] {
			if adds[j] == add {
				pos += copy(text[pos:], id)
				ends[k] = uint32(pos - addBytes)
				k++
			}
		}
		if add {
			nAdd, addBytes = k, pos
		}
	}
	all := bytesString(text[:pos])
	s := &c.segs[0]
	small.seg[0] = Segment{CohortID: s.id, CohortName: s.name, CohortURL: top[topCohortURL], SegmentKey: s.key,
		Add: membersOf(all[:addBytes], ends[:nAdd:nAdd]), Remove: membersOf(all[addBytes:], ends[nAdd:])}
	res := &small.r
	res.EnvironmentID, res.ContextKind, res.Segments = top[topEnvironmentID], top[topContextKind], small.seg[:]
	return res
}

// segAt returns the segment of record g (numbered across the member arrays in
// processing order): groupOverrides's, with overrides; else the only one.
func (c *collector) segAt(g int) int32 {
	if c.p.overrides {
		return c.segOf[g]
	}
	return 0
}

// recAt returns record g's member array and record.
func (c *collector) recAt(g int) (int, *crec) {
	if n0 := len(c.lists[0].recs); g >= n0 {
		return 1, &c.lists[1].recs[g-n0]
	}
	return 0, &c.lists[0].recs[g]
}

// dedupe finds the repeats among the records: a record whose ID appeared earlier
// in the same segment is marked recDup, and the first appearance takes its
// operation (recAdd: its boolean or named array, or the action, which result
// has set). It counts each segment's adds and removes and their IDs' bytes
// (c.segs, lists) and returns the unique members' ID bytes and number.
//
// A few records (at most maxScanDedupe, a small payload's) are compared with
// the first appearances before them. Else repeats are found in two steps, so
// that the common payload, with few repeats or none, costs a pass over a
// bitmap that stays in cache rather than a table of every record: a filter of
// at least eight bits per record (up to 2³¹), set by each record's 31-bit hash
// (of its ID and segment), finds the records whose bit an earlier one set
// (candidates); only the records whose bit a candidate has are then numbered
// into an open-addressing table, whose entries hold the record number + 1 in
// their low 32 bits and the hash in their high bits, so that probing rarely
// compares IDs.
func (c *collector) dedupe() (idBytes, unique int) {
	lists := c.lists[:len(c.p.arrays)]
	for _, l := range lists {
		unique += len(l.recs)
		idBytes += l.ids
	}
	total := unique
	segs := c.segs
	// Every record is counted a first appearance, in the list of its segment
	// and operation (first). When record r repeats an earlier fr, fr takes r's
	// operation and the member keeps one count, r's, already in the list of
	// that operation: repeat takes fr's away from the list of fr's operation
	// until then.
	first := func(r *crec, si int32) {
		l := &segs[si].lists[r.n>>31]
		l.n++
		l.bytes += int(r.n & recLenMask)
	}
	repeat := func(r, fr *crec, si int32) {
		n := int(r.n & recLenMask)
		was := &segs[si].lists[fr.n>>31]
		was.n, was.bytes = was.n-1, was.bytes-n
		fr.n = fr.n&^recAdd | r.n&recAdd
		r.n |= recDup
		idBytes -= n
		unique--
	}
	if total <= maxScanDedupe {
		g := 0
		for li, l := range lists {
			for ri := range l.recs {
				r := &l.recs[ri]
				n := int(r.n & recLenMask)
				id := c.bytes(li, r.chunk, r.off, n)
				si := c.segAt(g)
				first(r, si)
				for f := range g {
					fl, fr := c.recAt(f)
					if fr.n&recDup == 0 && c.segAt(f) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
						repeat(r, fr, si)
						break
					}
				}
				g++
			}
		}
		return idBytes, unique
	}

	// The records' hashes, then the filter: hashing every ID first and
	// setting the bits after, rather than both per record, lets the bitmap's
	// misses overlap.
	hs, cands := c.hashes[:0], c.cands[:0]
	seed := c.p.seed
	g := 0
	for li, l := range lists {
		arena := c.arena[li]
		chunk, ch := -1, []byte(nil) // the arena chunk of the last record
		for ri := range l.recs {
			r := &l.recs[ri]
			if int(r.chunk) != chunk {
				chunk, ch = int(r.chunk), arena[r.chunk]
			}
			id := ch[r.off : r.off+r.n&recLenMask]
			si := c.segAt(g)
			first(r, si)
			hs = append(hs, uint32(maphash.Bytes(seed, id)^uint64(si)*0x9E3779B97F4A7C15))
			g++
		}
	}
	nbits := 64
	for nbits < 8*total && nbits < 1<<31 {
		nbits <<= 1
	}
	bits := reuse(&c.bits, nbits/64)
	bitMask := uint32(nbits - 1)
	for g, h := range hs {
		w, b := h&bitMask/64, uint64(1)<<(h%64)
		if bits[w]&b != 0 {
			cands = append(cands, int32(g))
		}
		bits[w] |= b
	}

	// The table holds the records whose bit a candidate has, the only bits
	// set once the filter is cleared; cands becomes those records, in order.
	var table []uint64
	shift := uint(32)
	if len(cands) > 0 {
		clear(bits)
		for _, g := range cands {
			h := hs[g]
			bits[h&bitMask/64] |= 1 << (h % 64)
		}
		cands = cands[:0]
		for g, h := range hs {
			if bits[h&bitMask/64]&(1<<(h%64)) != 0 {
				cands = append(cands, int32(g))
			}
		}
		size := 16
		for size < 2*len(cands) {
			size <<= 1
		}
		table = reuse(&c.table, size)
		for size > 1 {
			size >>= 1
			shift--
		}
	}
	c.hashes, c.cands = hs, cands
	for _, g := range cands {
		li, r := c.recAt(int(g))
		h, si := hs[g], c.segAt(int(g))
		// The table's slot comes from the hash's bits mixed, since the
		// filter's bits are alike in the records it holds.
		n := int(r.n & recLenMask)
		id := c.bytes(li, r.chunk, r.off, n)
		tag := uint64(h) << 32
		mask := uint32(len(table) - 1)
		for j := (h * 0x9E3779B1) >> shift; ; j = (j + 1) & mask {
			e := table[j]
			if e == 0 {
				table[j] = tag | uint64(g+1)
				break
			}
			if e&^(1<<32-1) != tag {
				continue
			}
			f := int(uint32(e)) - 1
			fl, fr := c.recAt(f)
			if c.segAt(f) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
				repeat(r, fr, si)
				break
			}
		}
	}
	return idBytes, unique
}

// reuse returns the scratch *s resized to n elements, cleared, growing it when
// it is too small.
func reuse[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
		return *s
	}
	*s = (*s)[:n]
	clear(*s)
	return *s
}
