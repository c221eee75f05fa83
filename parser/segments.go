package parser

import (
	"hash/maphash"
	"strings"
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
// come from one allocation; resultSmall has room for a few IDs too, the usual
// case of a small payload.
type resultOne struct {
	r   Result
	seg [1]Segment
}

type resultSmall struct {
	resultOne
	ids [maxSmallResult]string
}

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
	p := c.p
	lists := c.lists[:len(p.arrays)]
	total := 0
	for _, l := range lists {
		total += len(l.recs)
	}

	// The segments, and the segment of each record, as topTexts grouped them.
	segs := c.segs

	// Dedupe: each table entry holds a record number + 1 (numbered across the lists
	// in processing order) in its low 32 bits and the high half of the ID's hash in
	// its high bits, so that probing rarely compares IDs. A repeat updates the first
	// appearance's state and is marked. A few records (at most maxScanDedupe, a
	// small payload's) are compared with the first appearances before them
	// instead.
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
		if p.overrides {
			return c.segOf[g]
		}
		return 0
	}
	idBytes := 0
	g := 0
	if scan {
		for li, l := range lists {
			for ri := range l.recs {
				r := &l.recs[ri]
				n := int(r.n & recLenMask)
				id, si, add := c.bytes(li, r.chunk, r.off, n), segAt(g), c.adds(li, *r, actionAdd)
				first := 0
				for ; first < g; first++ {
					fl, fr := rec(first)
					if fr.n&recDup == 0 && segAt(first) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
						fr.n = fr.n&^recAdd | flag(add, recAdd)
						r.n |= recDup
						break
					}
				}
				if first == g { // a first appearance
					r.n = r.n&^recAdd | flag(add, recAdd)
					idBytes += n
				}
				g++
			}
		}
	}
	hashed := lists
	if scan {
		hashed = nil // deduped above
	}
	for li, l := range hashed {
		for ri := range l.recs {
			r := &l.recs[ri]
			n := int(r.n & recLenMask)
			id := c.bytes(li, r.chunk, r.off, n)
			si := segAt(g)
			add := c.adds(li, *r, actionAdd)
			h := maphash.Bytes(p.seed, id) ^ uint64(si)*0x9E3779B97F4A7C15
			tag := h &^ (1<<32 - 1)
			for j := h & mask; ; j = (j + 1) & mask {
				e := c.table[j]
				if e == 0 {
					c.table[j] = tag | uint64(g+1)
					r.n = r.n&^recAdd | flag(add, recAdd)
					idBytes += n
					break
				}
				if e&^(1<<32-1) != tag {
					continue
				}
				first := int(uint32(e)) - 1
				fl, fr := rec(first)
				if segAt(first) == si && int(fr.n&recLenMask) == n && string(c.bytes(fl, fr.chunk, fr.off, n)) == string(id) {
					fr.n = fr.n&^recAdd | flag(add, recAdd)
					r.n |= recDup
					break
				}
			}
			g++
		}
	}

	// Count each segment's lists, then fill them from one block of strings.
	unique := 0
	g = 0
	for _, l := range lists {
		for _, r := range l.recs {
			if r.n&recDup == 0 {
				unique++
				s := &segs[segAt(g)]
				if r.n&recAdd != 0 {
					s.nAdd++
				} else {
					s.nRem++
				}
			}
			g++
		}
	}
	// A small result's IDs came with topTexts' block, every record's (dups
	// included) in order; else they are copied here, each once, into a block
	// of their own, in runs: the IDs of consecutive members usually sit side by
	// side in the arena.
	all, withDups := c.smallIDs, c.smallIDs != ""
	if !withDups {
		var sb strings.Builder
		sb.Grow(idBytes)
		for li, l := range lists {
			arena := c.arena[li]
			runChunk, runStart, runEnd := uint32(0), uint32(0), uint32(0)
			for _, r := range l.recs {
				if r.n&recDup != 0 {
					continue
				}
				end := r.off + r.n&recLenMask
				if r.chunk == runChunk && r.off == runEnd {
					runEnd = end
					continue
				}
				if runEnd > runStart {
					sb.Write(arena[runChunk][runStart:runEnd])
				}
				runChunk, runStart, runEnd = r.chunk, r.off, end
			}
			if runEnd > runStart {
				sb.Write(arena[runChunk][runStart:runEnd])
			}
		}
		all = sb.String()
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
		seg.Add, backing = backing[:0:s.nAdd], backing[s.nAdd:]
		seg.Remove, backing = backing[:0:s.nRem], backing[s.nRem:]
		out[i] = seg
	}
	pos := 0
	g = 0
	for _, l := range lists {
		for _, r := range l.recs {
			n := int(r.n & recLenMask)
			if r.n&recDup != 0 && withDups {
				pos += n
			}
			if r.n&recDup == 0 {
				id := all[pos : pos+n]
				pos += n
				s := &out[segAt(g)]
				if r.n&recAdd != 0 {
					s.Add = append(s.Add, id)
				} else {
					s.Remove = append(s.Remove, id)
				}
			}
			g++
		}
	}
	return res
}

// adds reports whether record r of member array i adds its member: its
// boolean, the action's verdict, or the array it is in.
func (c *collector) adds(i int, r crec, actionAdd bool) bool {
	switch c.p.mode {
	case ModeAction:
		return actionAdd
	case ModeNamedArrays:
		return i == 0
	}
	return r.n&recAdd != 0
}

func flag(b bool, f uint32) uint32 {
	if b {
		return f
	}
	return 0
}
