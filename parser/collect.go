package parser

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
)

// collector is a jsonscan.Handler that applies the payload rules to the values a
// scan delivers; finish (segments.go) gives the verdict and builds the Result. The
// tests hold it to the verdicts of an independent evaluator over a decoded tree
// (refeval_test.go).
//
// It never stops a scan: a semantic error is recorded and the scan goes on, because
// invalid JSON anywhere in the payload beats every other error. Its memory is bounded
// by what it extracts: the values of the element being read are copied into scratch
// buffers that the next element reuses (so that a name an element repeats costs
// nothing more), its ID just past the end of a chunked byte arena per member array
// (which a repeated member-array name empties), where it stays only when the member
// is accepted; members are 12-byte records,
// and each member array keeps at most MaxMembers records (past that the verdict is
// too_large whatever follows, so collecting stops while counting and validating go
// on). Collectors are pooled per Program, so that the records, the dedupe's
// scratch and the arenas' chunks are reused; a Result allocates its strings
// (one block for the unique IDs, copied out of the arenas, one for the other
// strings, one for all of them when the IDs are few) and its lists' ends, sized
// exactly, and a small result (resultSmall) holds its strings and ends itself. The
// overrides of accepted members are interned (each distinct text kept once; a
// handful found by a linear scan).
type collector struct {
	p *Program
	// scanner is the memory of the scan that feeds the collector, pooled with it.
	scanner jsonscan.Scanner
	top     [numTop]cval
	// topBuf holds the text of the top-level strings and numbers (c.top says
	// which), in scratch buffers reused between payloads; topText the same texts
	// as strings, all cut from one allocation when first asked for (topBuilt).
	topBuf   [numTop][]byte
	bigText  bool // a scratch text (topBuf, cmember.text) grew past maxKeptText
	topText  [numTop]string
	topBuilt bool
	lists    [2]clist
	cur      [2]cmember // the element being read, per member array

	arena [2][][]byte // per member array, chunks of member IDs; records point into them
	spare [][]byte    // chunks kept from earlier payloads, ready for reuse
	// Dedupe's scratch (segments.go): its filter, the records' hashes, the
	// candidates and the hash table.
	bits   []uint64
	hashes []uint32
	cands  []int32
	table  []uint64
	segOf  []int32 // segment of each record, when members name cohorts

	// The interned overrides: each distinct cohort ID and name of accepted
	// members once, as spans of ovText, all reused between payloads; past
	// maxLinearIntern distinct texts, an index finds them.
	ovText   []byte
	cohorts  []span
	cohortIx map[string]int32
	names    []span
	nameIx   map[string]int32
	// segs are the result's segments and segSeen, by interned cohort, the
	// segment it groups into plus 1 (texts builds both).
	segs    []segInfo
	segSeen []int32
	// idRoom is, when the records' IDs are at most maxSmallIDs bytes in all
	// (repeats included), room for them at the end of topTexts' block, where
	// result copies the unique ones, so that a small result's strings take one
	// allocation; else nil.
	idRoom []byte
	// small is, when topTexts found the result small enough, the result
	// allocated with its strings (resultSmall); else nil.
	small *resultSmall

	// raw holds the values captured for a response template's requestBody, by
	// slot from slotRawBase: their kinds and their text (raw JSON, or a scalar's
	// text).
	raw     [][]byte
	rawKind []kind
	// rawLen is the length of each slot's current occurrence, and rawBytes their
	// sum, against Limits.MaxCaptureBytes. Each occurrence within the budget is
	// held (the scanner delivers a longer one as an Overflow, which is not), so
	// what is held is bounded by the budget times the template's reads. A
	// repeated name (Reset) takes its earlier occurrence out of the sum: the last
	// occurrence is what counts, as everywhere. overSlot is the slot whose
	// occurrence made the sum pass the budget, while it is passed; else -1.
	rawLen   []int64
	rawBytes int64
	overSlot int
	// counts holds, by raw slot, the elements counted of an array whose length
	// a template reads.
	counts []int
}

// cval is one extracted value: its kind, the length of its text, and whether the
// text was kept (a member's in its cmember's scratch).
type cval struct {
	n int
	// interned is, for a kept override, the index of its text among the
	// interned ones plus 1, when the text was interned already (then the text
	// was not copied); else 0.
	interned int32
	kind     kind
	kept     bool
}

// cmember is the element being read: its values, and the kept texts of its
// values, in scratch buffers that every element of the array reuses.
type cmember struct {
	index int
	vals  [numMember]cval
	text  [numMember][]byte
}

type clist struct {
	kind  kind
	err   *Error
	count int // elements seen, accepted or not
	ids   int // bytes of the records' IDs
	recs  []crec
	ovr   []covr // per record, when members can name cohorts
}

// crec is one accepted member operation: its ID in its array's arena and flags.
type crec struct {
	chunk uint32
	off   uint32
	n     uint32 // ID length, with recAdd and recDup
}

const (
	recAdd     = 1 << 31 // the operation adds (its final state, on a first appearance)
	recDup     = 1 << 30 // the ID appeared earlier in the same segment
	recLenMask = recDup - 1
)

// covr is a record's cohort and name overrides: indexes into collector.cohorts and
// collector.names, or -1.
type covr struct{ cohort, name int32 }

const (
	chunkSize    = 64 << 10
	maxSpare     = 256 // chunks kept for reuse (16 MiB)
	maxKeptRecs  = 1 << 20
	maxKeptTable = 1 << 22
	maxKeptText  = 4 << 10 // scratch kept per member value between payloads
)

func (p *Program) getCollector() *collector {
	c, ok := p.collectors.Get().(*collector)
	if !ok {
		c = &collector{p: p, overSlot: -1}
	}
	// A member array that the scan never delivers keeps kindAbsent, and finish
	// reports it; its error is not built here, on every parse.
	return c
}

func (p *Program) putCollector(c *collector) {
	c.reset()
	p.collectors.Put(c)
}

// reset readies c for another payload, keeping scratch memory of moderate size
// (no result points into it: result copies the IDs out of the arenas).
func (c *collector) reset() {
	c.top = [numTop]cval{}
	c.topText, c.topBuilt, c.idRoom, c.small = [numTop]string{}, false, nil, nil
	// Capture overwrites the scratch texts; those that grew past maxKeptText
	// (bigText says whether any did) are let go.
	if c.bigText {
		for i, b := range c.topBuf {
			if cap(b) > maxKeptText {
				c.topBuf[i] = nil
			}
		}
		for i := range c.cur {
			m := &c.cur[i]
			for s := range m.text {
				if cap(m.text[s]) > maxKeptText {
					m.text[s] = nil
				}
			}
		}
		c.bigText = false
	}
	for i := range c.lists {
		l := &c.lists[i]
		recs, ovr := l.recs[:0], l.ovr[:0]
		if cap(recs) > maxKeptRecs {
			recs, ovr = nil, nil
		}
		*l = clist{recs: recs, ovr: ovr}
	}
	for i, a := range c.arena { // BeginElement clears the values
		if len(a) == 1 && cap(a[0]) == chunkSize {
			a[0] = a[0][:0] // recycle's usual case, without the call
		} else {
			c.recycle(i)
		}
	}
	if cap(c.table) > maxKeptTable {
		c.table = nil
	}
	if cap(c.hashes) > maxKeptRecs {
		c.bits, c.hashes, c.cands = nil, nil, nil
	}
	if cap(c.segOf) > maxKeptRecs {
		c.segOf = nil
	}
	if cap(c.ovText) > maxKeptText || cap(c.cohorts) > maxLinearIntern || cap(c.names) > maxLinearIntern {
		c.ovText, c.cohorts, c.names, c.segSeen = nil, nil, nil, nil
	}
	c.ovText, c.cohorts, c.names = c.ovText[:0], c.cohorts[:0], c.names[:0]
	c.cohortIx, c.nameIx = nil, nil
	for i := range c.segs {
		// Only the strings need clearing (into a result's block); field by
		// field costs less than a call to clear the whole segInfo.
		s := &c.segs[i]
		s.id, s.name, s.key = "", "", ""
	}
	if c.segs = c.segs[:0]; cap(c.segs) > maxLinearIntern+1 {
		c.segs = nil
	}
	clear(c.raw)
	c.raw, c.rawKind, c.rawLen, c.counts = c.raw[:0], c.rawKind[:0], c.rawLen[:0], c.counts[:0]
	c.rawBytes, c.overSlot = 0, -1
}

// recycle empties the arena of member array i, keeping its chunks for reuse:
// the first in place, emptied, where the next ID goes (a payload whose IDs fit
// one chunk takes none from c.spare), the others in c.spare; with the first
// chunk of each arena, at most maxSpare chunks are kept.
func (c *collector) recycle(i int) {
	a := c.arena[i]
	keep := 0
	if len(a) > 0 && cap(a[0]) == chunkSize {
		a[0], keep = a[0][:0], 1
	}
	for _, ch := range a[keep:] {
		if len(c.spare) < maxSpare-len(c.arena) && cap(ch) == chunkSize {
			c.spare = append(c.spare, ch[:0])
		}
	}
	for k := keep; k < len(a); k++ { // (a loop costs less than clear for a few)
		a[k] = nil
	}
	c.arena[i] = a[:keep]
}

// newChunk makes room for n bytes in the arena of member array i when its last
// chunk has none (or there is none), and returns it: it adds a chunk, a spare
// one or a new one of chunkSize or, for a longer ID, of n bytes. A member's ID
// is copied to the end of its array's arena when it is captured (Capture), past
// the last chunk's length, and kept there by commit once the member is accepted
// (a replaced or rejected ID is overwritten, never kept).
func (c *collector) newChunk(i, n int) []byte {
	var ch []byte
	switch {
	case n > chunkSize:
		ch = make([]byte, 0, n)
	case len(c.spare) > 0:
		ch = c.spare[len(c.spare)-1]
		c.spare = c.spare[:len(c.spare)-1]
	default:
		ch = make([]byte, 0, chunkSize)
	}
	c.arena[i] = append(c.arena[i], ch)
	return ch[:n]
}

// commit keeps the n bytes reserved last in the arena of member array i and
// returns where they are.
func (c *collector) commit(i, n int) (chunk, off uint32) {
	arena := c.arena[i]
	k := len(arena) - 1
	off = uint32(len(arena[k]))
	arena[k] = arena[k][:int(off)+n]
	return uint32(k), off
}

// bytes returns the text of a record of member array i.
func (c *collector) bytes(i int, chunk, off uint32, n int) []byte {
	return c.arena[i][chunk][off : int(off)+n]
}

// Slot numbers of the scan query: the top-level slots, then one per member array,
// then the member slots of each array, then the raw captures of a response template.
const (
	slotArray   = numTop
	slotMember  = slotArray + 2
	slotRaw     = slotMember + 2*numMember
	slotRawBase = slotRaw
)

func kindOfScan(k jsonscan.Kind) kind { return scanKinds[k] }

// scanKinds maps the scanner's kinds to the collector's; anything else is
// kindAbsent.
var scanKinds = [256]kind{
	jsonscan.Null:   kindNull,
	jsonscan.True:   kindTrue,
	jsonscan.False:  kindFalse,
	jsonscan.String: kindString,
	jsonscan.Number: kindNumber,
	jsonscan.Object: kindObject,
	jsonscan.Array:  kindArray,
}

// Capture implements jsonscan.Handler. Member values, the most numerous, are
// taken here, the others by captureOther: a member value's text is kept when
// it is a string or a number of 1 to MaxValueBytes bytes while its array has
// no error and is within MaxMembers (the ID at the end of the array's arena,
// an override interned or in the element's scratch).
func (c *collector) Capture(slot int, k jsonscan.Kind, text []byte) error {
	ms := uint(slot - slotMember)
	if ms >= 2*numMember {
		c.captureOther(slot, k, text)
		return nil
	}
	i, m := int(ms/numMember), int(ms%numMember)
	kd := kindOfScan(k)
	v := cval{kind: kd, n: len(text)}
	if l := &c.lists[i]; (kd == kindString || kd == kindNumber) && len(text) > 0 &&
		l.err == nil && l.count <= c.p.limits.MaxMembers && len(text) <= c.p.limits.MaxValueBytes {
		v.kept = true
		if m != memberID {
			switch m {
			case memberCohortID:
				v.interned = c.lookup(c.cohorts, c.cohortIx, text) + 1
			case memberCohortName:
				v.interned = c.lookup(c.names, c.nameIx, text) + 1
			}
			if v.interned == 0 {
				c.cur[i].text[m] = append(c.cur[i].text[m][:0], text...)
				c.bigText = c.bigText || cap(c.cur[i].text[m]) > maxKeptText
			}
			c.cur[i].vals[m] = v
			return nil
		}
		// The ID: to the end of the last chunk when it has room (the value
		// stored first, so that nothing is live across the copy).
		c.cur[i].vals[m] = v
		if a := c.arena[i]; len(a) > 0 && cap(a[len(a)-1])-len(a[len(a)-1]) >= len(text) {
			ch := a[len(a)-1]
			copy(ch[len(ch):cap(ch)], text)
		} else {
			copy(c.newChunk(i, len(text)), text)
		}
		return nil
	}
	c.cur[i].vals[m] = v
	return nil
}

// captureOther is Capture of a value that is not a member's: a top-level
// value, a member array that is not an array, or a part of the payload a
// response template reads.
func (c *collector) captureOther(slot int, k jsonscan.Kind, text []byte) {
	switch {
	case slot < numTop:
		kd := kindOfScan(k)
		v := cval{kind: kd, n: len(text)}
		if kd == kindString || kd == kindNumber {
			// Kept whatever its length: a response shows the environment and
			// cohort IDs even of a payload that has an error.
			c.topBuf[slot] = append(c.topBuf[slot][:0], text...)
			c.bigText = c.bigText || cap(c.topBuf[slot]) > maxKeptText
			v.kept = true
		}
		c.top[slot], c.topBuilt = v, false
	case slot < slotMember:
		// A member array that is not an array.
		c.startArray(slot-slotArray, kindOfScan(k))
	default:
		if c.p.body.textless(slot) {
			text = nil // a scalar on the way to what the template reads
		}
		r := c.rawSlot(slot, kindOfScan(k), int64(len(text)))
		c.raw[r] = append(c.raw[r], text...)
	}
}

// rawSlot records an occurrence of n bytes at a raw slot in the budget, empties
// what the slot held, and returns the slot's index.
func (c *collector) rawSlot(slot int, k kind, n int64) int {
	r := slot - slotRawBase
	for len(c.raw) <= r {
		c.raw = append(c.raw, nil)
		c.rawKind = append(c.rawKind, kindAbsent)
		c.rawLen = append(c.rawLen, 0)
		c.counts = append(c.counts, 0)
	}
	c.setRawLen(r, n)
	c.rawKind[r] = k
	c.raw[r] = c.raw[r][:0]
	return r
}

// setRawLen sets the length of raw slot r's occurrence and keeps the sum and
// overSlot.
func (c *collector) setRawLen(r int, n int64) {
	c.rawBytes += n - c.rawLen[r]
	c.rawLen[r] = n
	switch budget := int64(c.p.limits.MaxCaptureBytes); {
	case c.rawBytes <= budget:
		c.overSlot = -1
	case c.overSlot < 0 && n > 0:
		c.overSlot = slotRawBase + r
	}
}

// Overflow implements jsonscan.Handler: a value too long to hold. A top-level or
// member value is too long for MaxValueBytes (the scan's limit for them is the
// longest JSON text of MaxValueBytes of text), and the rules report it in their
// order; a part of the payload a response template reads passes the capture
// budget.
func (c *collector) Overflow(slot int, k jsonscan.Kind, n int64) error {
	switch {
	case slot < numTop:
		c.top[slot] = cval{kind: kindOfScan(k), n: int(min(n, math.MaxInt32))}
		c.topBuilt = false
	case slot < slotMember: // Each slots take no text, so they never overflow
	case slot < slotRaw:
		i, m := (slot-slotMember)/numMember, (slot-slotMember)%numMember
		c.cur[i].vals[m] = cval{kind: kindOfScan(k), n: int(min(n, math.MaxInt32))}
	default:
		if c.p.body.textless(slot) {
			// A long scalar on the way to what the template reads: its kind is
			// all the lookups through it need.
			return c.Capture(slot, k, nil)
		}
		c.rawSlot(slot, kindOfScan(k), n) // longer than the whole budget: not held
	}
	return nil
}

// captureError is the too_large error of a payload whose parts the template reads
// do not fit the capture budget together, at the part that made them pass it; nil
// when they fit.
func (c *collector) captureError() *Error {
	if c.rawBytes <= int64(c.p.limits.MaxCaptureBytes) {
		return nil
	}
	return newError(CodeTooLarge, c.p.body.pointer(c.overSlot), "jsonResponseBody",
		"the response template reads more than %d bytes of the payload", c.p.limits.MaxCaptureBytes)
}

// count returns the elements counted at a requestBody count slot.
func (c *collector) count(slot int) int {
	if r := slot - slotRawBase; r < len(c.counts) {
		return c.counts[r]
	}
	return 0
}

// rawAt returns what was captured at a requestBody slot.
func (c *collector) rawAt(slot int) (kind, []byte) {
	r := slot - slotRawBase
	if r >= len(c.raw) {
		return kindAbsent, nil
	}
	return c.rawKind[r], c.raw[r]
}

// topString returns the text of a top-level string or number, or "".
func (c *collector) topString(slot int) string {
	return c.topTexts()[slot]
}

// segInfo is a segment of the result: its cohort ID, name and segment key, and
// its lists of members, by operation (opAdd, opRemove). Building it, cohort and
// name are the interned override texts its ID and name come from (-1: the top
// level's).
type segInfo struct {
	id, name, key string
	lists         [2]memberList
	cohort, cname int32
}

// topTexts returns the texts of the top-level strings and numbers ("" for the
// others). Once the scan has ended it also groups the records into segments
// (c.segs, and c.segOf with overrides): the top-level cohort first, then the
// override cohorts in order of first appearance. Every string of the result but
// its IDs (these texts, the segments' cohort IDs, names and keys) is cut from one
// allocation.
func (c *collector) topTexts() *[numTop]string {
	if c.topBuilt {
		return &c.topText
	}
	p := c.p
	n := 0
	for slot := range c.top {
		if c.top[slot].kept {
			n += len(c.topBuf[slot])
		}
	}
	var topID []byte // the top-level cohort ID's text
	if c.top[topCohortID].kept {
		topID = c.topBuf[topCohortID]
	}
	clear(c.segs)
	c.segs = append(c.segs[:0], segInfo{cohort: -1, cname: -1})
	if p.overrides {
		c.groupOverrides(topID)
	}
	for _, s := range c.segs[1:] {
		n += c.cohorts[s.cohort].n
		if s.cname >= 0 {
			n += c.names[s.cname].n
		}
	}
	ids, recs := 0, 0
	for _, l := range c.lists[:len(p.arrays)] {
		ids += l.ids
		recs += len(l.recs)
	}
	if ids > maxSmallIDs {
		ids = 0
	}
	n += ids
	if p.integrationKey != "" {
		for _, s := range c.segs {
			id := len(topID)
			if s.cohort >= 0 {
				id = c.cohorts[s.cohort].n
			}
			n += len(p.integrationKey) + 1 + id
		}
	}
	// A small result's strings come with it (resultSmall.text): one
	// allocation for both.
	var b []byte
	if len(c.segs) == 1 && recs <= maxSmallResult && (ids > 0 || recs == 0) && n <= len(resultSmall{}.text) {
		c.small = &resultSmall{}
		b = c.small.text[:0:n]
	} else {
		b = make([]byte, 0, n)
	}
	for slot := range c.top {
		if c.top[slot].kept {
			b = append(b, c.topBuf[slot]...)
		}
	}
	for _, s := range c.segs[1:] {
		b = append(b, c.ovr(c.cohorts[s.cohort])...)
		if s.cname >= 0 {
			b = append(b, c.ovr(c.names[s.cname])...)
		}
	}
	if p.integrationKey != "" {
		for _, s := range c.segs {
			b = append(b, p.integrationKey...)
			b = append(b, '-')
			if s.cohort >= 0 {
				b = append(b, c.ovr(c.cohorts[s.cohort])...)
			} else {
				b = append(b, topID...)
			}
		}
	}
	if ids > 0 {
		c.idRoom = b[len(b):n:n]
	}
	all := bytesString(b)
	cut := func(n int) (s string) {
		s, all = all[:n], all[n:]
		return s
	}
	for slot := range c.top {
		k := 0
		if c.top[slot].kept {
			k = len(c.topBuf[slot])
		}
		c.topText[slot] = cut(k)
	}
	for i := range c.segs {
		s := &c.segs[i]
		s.id, s.name = c.topText[topCohortID], c.topText[topCohortName]
		if i == 0 {
			continue
		}
		s.id = cut(c.cohorts[s.cohort].n)
		if s.cname >= 0 {
			s.name = cut(c.names[s.cname].n)
		}
	}
	if p.integrationKey != "" {
		for i := range c.segs {
			s := &c.segs[i]
			s.key = cut(len(p.integrationKey) + 1 + len(s.id))
		}
	}
	c.topBuilt = true
	return &c.topText
}

// bytesString returns the text of b as a string without a copy: b is never
// written again (the block a result's strings are cut from).
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// groupOverrides finds the segment of every record (c.segOf) and the segments
// the overrides name (c.segs after the first): a cohort ID other than the
// top-level one (topID) starts a segment named by the override name of its
// first appearance, or by the top-level name.
func (c *collector) groupOverrides(topID []byte) {
	seen := c.segSeen[:0]
	for range c.cohorts {
		seen = append(seen, 0)
	}
	c.segSeen = seen
	c.segOf = c.segOf[:0]
	for _, l := range c.lists[:len(c.p.arrays)] {
		for _, o := range l.ovr {
			si := int32(0)
			if o.cohort >= 0 {
				if seen[o.cohort] == 0 {
					if string(c.ovr(c.cohorts[o.cohort])) == string(topID) {
						seen[o.cohort] = 1
					} else {
						c.segs = append(c.segs, segInfo{cohort: o.cohort, cname: o.name})
						seen[o.cohort] = int32(len(c.segs))
					}
				}
				si = seen[o.cohort] - 1
			}
			c.segOf = append(c.segOf, si)
		}
	}
}

// Reset implements jsonscan.Handler: a repeated name drops what the earlier
// occurrence delivered.
func (c *collector) Reset(slot int) error {
	switch {
	case slot < numTop:
		c.top[slot] = cval{}
		c.topBuilt = false
	case slot < slotMember:
		c.startArray(slot-slotArray, kindAbsent)
	case slot < slotRaw:
		i, m := (slot-slotMember)/numMember, (slot-slotMember)%numMember
		c.cur[i].vals[m] = cval{}
	default:
		if r := slot - slotRawBase; r < len(c.raw) {
			c.setRawLen(r, 0)
			c.raw[r], c.rawKind[r], c.counts[r] = c.raw[r][:0], kindAbsent, 0
		}
	}
	return nil
}

// BeginArray implements jsonscan.Handler.
func (c *collector) BeginArray(slot int) error {
	if slot >= slotRawBase { // an array whose length a template reads
		r := c.rawSlot(slot, kindArray, 0)
		c.counts[r] = 0
		return nil
	}
	c.startArray(slot-slotArray, kindArray)
	return nil
}

// startArray records the kind of member array i and drops anything collected for an
// earlier occurrence of it.
func (c *collector) startArray(i int, k kind) {
	l := &c.lists[i]
	if l.kind != kindAbsent {
		// The IDs of an earlier occurrence of the array (reset, and a Reset
		// through here, leave the arena empty, with the kind absent).
		c.recycle(i)
	}
	*l = clist{kind: k, recs: l.recs[:0], ovr: l.ovr[:0]}
	if k != kindArray {
		l.err = c.p.arrayError(i, k)
	}
}

// BeginElement implements jsonscan.Handler.
func (c *collector) BeginElement(slot, index int) error {
	if slot >= slotRawBase {
		r := slot - slotRawBase
		c.counts[r] = index + 1
		if c.p.body.chargesElements(slot) {
			c.setRawLen(r, 16*int64(index+1)) // the array is built at its length
		}
		return nil
	}
	c.beginMember(slot-slotArray, index)
	return nil
}

// beginMember starts element index of member array i.
func (c *collector) beginMember(i, index int) {
	m := &c.cur[i]
	m.index, m.vals = index, [numMember]cval{}
	c.lists[i].count++
}

// EndArray implements jsonscan.Handler.
func (c *collector) EndArray(int) error { return nil }

// NextElement implements jsonscan.ElementStepper: EndElement of the element
// before index, then BeginElement of index.
func (c *collector) NextElement(slot, index int) error {
	if slot >= slotRawBase {
		return c.BeginElement(slot, index) // EndElement has nothing to do
	}
	i := slot - slotArray
	c.endMember(i, index-1)
	c.beginMember(i, index)
	return nil
}

// EndElement implements jsonscan.Handler: it applies the member rules to the
// element just read.
func (c *collector) EndElement(slot, index int) error {
	if slot < slotRawBase {
		c.endMember(slot-slotArray, index)
	}
	return nil
}

// endMember applies the member rules to element index of member array i, just
// read: it keeps the member or records the array's first error.
func (c *collector) endMember(i, index int) {
	l := &c.lists[i]
	// Past MaxMembers in one array the payload is too_large whatever else it holds
	// (see finish), so nothing more is kept.
	if l.err != nil || l.count > c.p.limits.MaxMembers {
		return
	}
	p := c.p
	m := &c.cur[i]
	ptr := func(slot int) jsonpath.Pointer { return p.memberPointer(i, index, slot) }
	// A kept value is a string or a number of 1 to MaxValueBytes bytes: it
	// passes checkText, which words the errors of the others.
	id := m.vals[memberID]
	if !id.kept {
		if err := p.checkText(id.kind, id.n, true, p.member[memberID], func() jsonpath.Pointer { return ptr(memberID) }); err != nil {
			l.err = err
			return
		}
	}
	r := crec{n: uint32(id.n)}
	switch p.mode {
	case ModeBoolean:
		switch k := m.vals[memberBoolean].kind; k {
		case kindTrue:
			r.n |= recAdd
		case kindFalse:
		default:
			_, err := p.membership(k, func() jsonpath.Pointer { return ptr(memberBoolean) })
			l.err = err
			return
		}
	case ModeNamedArrays:
		if i == 0 {
			r.n |= recAdd
		}
	}
	if p.overrides {
		o := covr{cohort: -1, name: -1}
		var err *Error
		// An override interned at capture (the usual case) without a call
		// of override.
		if v := m.vals[memberCohortID]; v.interned > 0 {
			o.cohort = v.interned - 1
		} else if p.member[memberCohortID].set {
			if o.cohort, err = c.override(m, memberCohortID, ptr); err != nil {
				l.err = err
				return
			}
		}
		if v := m.vals[memberCohortName]; v.interned > 0 {
			o.name = v.interned - 1
		} else if p.member[memberCohortName].set {
			if o.name, err = c.override(m, memberCohortName, ptr); err != nil {
				l.err = err
				return
			}
		}
		l.ovr = append(l.ovr, o)
	}
	// The ID, copied past the end of the arena when captured, is kept once the
	// member is accepted: an element's rejected or replaced IDs are overwritten.
	r.chunk, r.off = c.commit(i, id.n)
	l.ids += id.n
	l.recs = append(l.recs, r)
}

// override returns the interned index of the element's override s (the
// cohort ID or name) when Capture did not find it interned (endMember takes
// those itself, without a call: override is not inlined), interning its text;
// -1 when it has none, or its error.
func (c *collector) override(m *cmember, s int, ptr func(slot int) jsonpath.Pointer) (int32, *Error) {
	v := m.vals[s]
	switch {
	case !v.kept:
		p := c.p
		return -1, p.checkText(v.kind, v.n, false, p.member[s], func() jsonpath.Pointer { return ptr(s) })
	case s == memberCohortID:
		return c.intern(&c.cohorts, &c.cohortIx, m.text[s][:v.n]), nil
	}
	return c.intern(&c.names, &c.nameIx, m.text[s][:v.n]), nil
}

// span is a text in collector.ovText.
// head and tail are its first and last eight bytes as numbers (textWords),
// which lookup compares before the text.
type span struct {
	off, n     int
	head, tail uint64
}

// ovr returns the text of an interned override.
func (c *collector) ovr(sp span) []byte { return c.ovText[sp.off : sp.off+sp.n] }

// intern returns the index of b in table, adding it when new. A few distinct
// texts (the usual case: a payload names a handful of cohorts) are found by a
// linear scan and cost no allocation; past maxLinearIntern, index maps them.
func (c *collector) intern(table *[]span, index *map[string]int32, b []byte) int32 {
	if i := c.lookup(*table, *index, b); i >= 0 {
		return i
	}
	if *index == nil {
		if len(*table) >= maxLinearIntern {
			*index = make(map[string]int32, 2*maxLinearIntern)
			for i, sp := range *table {
				(*index)[string(c.ovr(sp))] = int32(i)
			}
		}
	}
	if *index != nil {
		(*index)[string(b)] = int32(len(*table))
	}
	head, tail := textWords(b)
	*table = append(*table, span{off: len(c.ovText), n: len(b), head: head, tail: tail})
	c.ovText = append(c.ovText, b...)
	return int32(len(*table) - 1)
}

const maxLinearIntern = 8

// lookup returns the index of b among the interned texts of table (and its
// index, when not nil), or -1. A text is compared as its length and first and
// last eight bytes (textWords), which for texts of 16 bytes or fewer (cohort
// IDs and names mostly are) is the whole text; a longer one that matches
// these is compared whole.
func (c *collector) lookup(table []span, index map[string]int32, b []byte) int32 {
	if index != nil {
		if i, ok := index[string(b)]; ok {
			return i
		}
		return -1
	}
	head, tail := textWords(b)
	for i, sp := range table {
		if sp.n == len(b) && sp.head == head && sp.tail == tail && (len(b) <= 16 || string(c.ovr(sp)) == string(b)) {
			return int32(i)
		}
	}
	return -1
}

// textWords returns the first and the last eight bytes of b as little-endian
// numbers; for a text shorter than eight bytes, both are the text, zero past
// its end.
func textWords(b []byte) (head, tail uint64) {
	if n := len(b); n >= 8 {
		return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	}
	for i, x := range b {
		head |= uint64(x) << (8 * i)
	}
	return head, head
}

// maxSmallIDs is the most bytes of IDs that share a block with the result's
// other strings: a caller that keeps a key keeps at most that much alive with it.
const maxSmallIDs = 256
