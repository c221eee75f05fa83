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
// come from one allocation; resultSmall has room for a few IDs and their text
// too, the usual case of a small payload: its strings point into text (they are
// never written after topTexts cuts them), so that the result and its strings
// take one allocation.
type resultOne struct {
	r   Result
	seg [1]Segment
}

type resultSmall struct {
	resultOne
	ids [maxSmallResult]string
	// text holds the result's strings when they fit (topTexts), else none.
	text [smallText]byte
}

// smallText is the room for text in resultSmall, which makes it 512 bytes (a
// size class): the bytes of a 1 kB payload's result.
const smallText = 512 - unsafe.Sizeof(resultOne{}) - maxSmallResult*unsafe.Sizeof("")

const maxSmallResult = 4

// maxScanDedupe is the most records result dedupes by comparing each with those
// before it rather than through its hash table.
const maxScanDedupe = 8

// result builds the Result: it groups the records by cohort, as builder.segments
// does: the top-level cohort first, then override cohorts in order of first
// appearance; within a segment a member's last operation wins and each list keeps
// the order of first appearance. Duplicates are found with an open-addressing
// table of record numbers; every ID of the result is copied once into a single
// string (the segments' other strings come from topTexts, in a block of their
// own: a caller that keeps a key does not keep every ID alive with it).
func (c *collector) result(top [numTop]string, actionAdd bool) *Result {
	if c.small != nil {
		return c.resultFew(top, actionAdd)
	}
	p := c.p
	lists := c.lists[:len(p.arrays)]
	total := 0
	for _, l := range lists {
		total += len(l.recs)
	}

	// The segments, and the segment of each record (segOf, with overrides), as
	// topTexts grouped them.
	segs := c.segs
	var segOf []int32
	if p.overrides {
		segOf = c.segOf
	}

	// Dedupe: each table entry holds a record number + 1 (numbered across the lists
	// in processing order) in its low 32 bits and the high half of the ID's hash in
	// its high bits, so that probing rarely compares IDs. A repeat updates the first
	// appearance's state and is marked. A few records (at most maxScanDedupe, a
	// small payload's) are compared with the first appearances before them
	// instead. Each segment's lists are counted on the way (a repeat that
	// changes its first appearance's state moves it from one count to the
	// other).
	scan := total <= maxScanDedupe
	size := 16
	for size < 2*total {
		size <<= 1
	}
	switch {
	case scan:
	case cap(c.table) < size:
		c.table = make([]uint64, size)
	default:
		c.table = c.table[:size]
		clear(c.table)
	}
	mask := uint64(size - 1)
	rec := func(g int) (int, *crec) {
		if n0 := len(lists[0].recs); g >= n0 {
			return 1, &lists[1].recs[g-n0]
		}
		return 0, &lists[0].recs[g]
	}
	segAt := func(g int) int32 {
		if segOf != nil {
			return segOf[g]
		}
		return 0
	}
	// repeat marks record r, of segment si, a repeat of record fr, which takes
	// r's state.
	repeat := func(r, fr *crec, si int32, add bool) {
		if was := fr.n&recAdd != 0; was != add {
			s := &segs[si]
			if add {
				s.nAdd, s.nRem = s.nAdd+1, s.nRem-1
			} else {
				s.nAdd, s.nRem = s.nAdd-1, s.nRem+1
			}
		}
		fr.n = fr.n&^recAdd | flag(add, recAdd)
		r.n |= recDup
	}
	// first marks record r, of segment si, a first appearance.
	first := func(r *crec, si int32, add bool) {
		r.n = r.n&^recAdd | flag(add, recAdd)
		if add {
			segs[si].nAdd++
		} else {
			segs[si].nRem++
		}
	}
	// A record adds its member when its flag says so (its boolean, or the
	// first of the named arrays: EndElement sets it) or the action says so.
	actionAdds := p.mode == ModeAction && actionAdd
	table := c.table
	idBytes, unique := 0, 0
	g := 0
	for li, l := range lists {
		arena := c.arena[li]
		chunk, ch := -1, []byte(nil) // the arena chunk of the last record
		for ri := range l.recs {
			r := &l.recs[ri]
			n := int(r.n & recLenMask)
			if int(r.chunk) != chunk {
				chunk, ch = int(r.chunk), arena[r.chunk]
			}
			id := ch[r.off : int(r.off)+n]
			si := segAt(g)
			add := actionAdds || r.n&recAdd != 0
			dup := false
			if scan {
				for f := 0; f < g; f++ {
					fl, fr := rec(f)
					if fr.n&recDup == 0 && segAt(f) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
						repeat(r, fr, si, add)
						dup = true
						break
					}
				}
			} else {
				h := maphash.Bytes(p.seed, id) ^ uint64(si)*0x9E3779B97F4A7C15
				tag := h &^ (1<<32 - 1)
				for j := h & mask; ; j = (j + 1) & mask {
					e := table[j]
					if e == 0 {
						table[j] = tag | uint64(g+1)
						break
					}
					if e&^(1<<32-1) != tag {
						continue
					}
					f := int(uint32(e)) - 1
					fl, fr := rec(f)
					if segAt(f) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
						repeat(r, fr, si, add)
						dup = true
						break
					}
				}
			}
			if !dup {
				first(r, si, add)
				idBytes += n
				unique++
			}
			g++
		}
	}

	// A small result's IDs came with topTexts' block, every record's (dups
	// included) in order; else they are copied here, each once, into a block
	// of their own.
	all, withDups := c.smallIDs, c.smallIDs != ""
	if !withDups {
		b := make([]byte, 0, idBytes)
		for li, l := range lists {
			b = c.appendIDs(b, li, l.recs, true)
		}
		all = bytesString(b)
	}
	var res *Result
	var backing []string
	switch {
	case len(segs) == 1 && unique <= maxSmallResult:
		small := &resultSmall{}
		res, backing = &small.r, small.ids[:unique]
		res.Segments = small.seg[:]
	case len(segs) == 1:
		one := &resultOne{}
		res, backing = &one.r, make([]string, unique)
		res.Segments = one.seg[:]
	default:
		res, backing = &Result{Segments: make([]Segment, len(segs))}, make([]string, unique)
	}
	res.EnvironmentID, res.ContextKind = top[topEnvironmentID], top[topContextKind]
	out := res.Segments
	for i, s := range segs {
		seg := Segment{CohortID: s.id, CohortName: s.name, CohortURL: top[topCohortURL], SegmentKey: s.key}
		seg.Add, backing = backing[:s.nAdd:s.nAdd], backing[s.nAdd:]
		seg.Remove, backing = backing[:s.nRem:s.nRem], backing[s.nRem:]
		out[i] = seg
		// Filled below by index: segs[i].nAdd and nRem count what is placed.
		segs[i].nAdd, segs[i].nRem = 0, 0
	}
	pos := 0
	g = 0
	for _, l := range lists {
		for _, r := range l.recs {
			n := int(r.n & recLenMask)
			if r.n&recDup == 0 {
				si := segAt(g)
				s := &segs[si]
				if r.n&recAdd != 0 {
					out[si].Add[s.nAdd] = all[pos : pos+n]
					s.nAdd++
				} else {
					out[si].Remove[s.nRem] = all[pos : pos+n]
					s.nRem++
				}
				pos += n
			} else if withDups {
				pos += n
			}
			g++
		}
	}
	return res
}

// resultFew is result for a small result, allocated by topTexts with its
// strings (c.small: one segment, at most maxSmallResult records, every
// record's ID in c.smallIDs): each record is compared with the members before
// it.
func (c *collector) resultFew(top [numTop]string, actionAdd bool) *Result {
	actionAdds := c.p.mode == ModeAction && actionAdd
	var ids [maxSmallResult]string // the members, in order of first appearance
	var adds [maxSmallResult]bool  // and their last operations
	u, pos := 0, 0
	for _, l := range c.lists[:len(c.p.arrays)] {
		for _, r := range l.recs {
			n := int(r.n & recLenMask)
			id := c.smallIDs[pos : pos+n]
			pos += n
			j := 0
			for j < u && ids[j] != id {
				j++
			}
			if j == u {
				ids[j] = id
				u++
			}
			adds[j] = actionAdds || r.n&recAdd != 0
		}
	}
	nAdd := 0
	for _, a := range adds[:u] {
		if a {
			nAdd++
		}
	}
	small, s := c.small, &c.segs[0]
	seg := Segment{CohortID: s.id, CohortName: s.name, CohortURL: top[topCohortURL], SegmentKey: s.key,
		Add: small.ids[:0:nAdd], Remove: small.ids[nAdd:nAdd:u]}
	for j, id := range ids[:u] {
		if adds[j] {
			seg.Add = append(seg.Add, id)
		} else {
			seg.Remove = append(seg.Remove, id)
		}
	}
	small.seg[0] = seg
	res := &small.r
	res.EnvironmentID, res.ContextKind, res.Segments = top[topEnvironmentID], top[topContextKind], small.seg[:]
	return res
}

func flag(b bool, f uint32) uint32 {
	if b {
		return f
	}
	return 0
}
