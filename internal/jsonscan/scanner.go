package jsonscan

import (
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/segsync/segsync/jsonvalue"
)

// A scanner holds the state of one scan. Scanners are pooled per Query.
type scanner struct {
	q *Query
	h Handler
	// step is h as an ElementStepper, when it is one; else nil.
	step ElementStepper

	// The input window: buf holds the input bytes from absolute offset base on, and
	// pos is the next byte to read. Over a []byte, buf is the whole input.
	buf  []byte
	pos  int
	base int64

	r    io.Reader // nil when scanning a []byte
	rbuf []byte    // the read buffer kept between scans
	eof  bool      // r has nothing more
	err  error     // a read or limit error met while filling; reported first

	// What a refill must keep: the outermost open raw capture from its absolute
	// offset raw, and the token being read from tok (-1 when none), each while it
	// is no longer than its limit. Past its limit a value's bytes are let go as
	// the scan goes on; its delivery, which finds its start before base, is then
	// an Overflow.
	raw, tok       int64
	rawMax, tokMax int
	rawOpen        int // raw captures open

	stack   []frame // open arrays and objects on query paths
	kinds   []byte  // open arrays and objects inside a skipped value
	scratch []byte  // unescaped text

	maxDepth int
	flatRead flatRead // what flat's skipFlat delivers with
	careful  bool     // no fast paths (tests only)
}

// A frame is an array or object being scanned on a query path.
type frame struct {
	st       *state
	seen     uint64 // member names of st.keys seen so far, by index (first 64)
	index    int    // the current element of an array
	rawStart int64  // absolute offset of the value, when a capture wants it raw; else -1
	array    bool
}

func (s *scanner) reset() {
	s.h, s.step, s.buf, s.r = nil, nil, nil, nil
	s.pos, s.base = 0, 0
	s.eof, s.err = false, nil
	s.raw, s.tok, s.rawOpen = -1, -1, 0
	s.stack, s.kinds = s.stack[:0], s.kinds[:0]
	s.flatRead = flatRead{}
	if cap(s.scratch) > 64<<10 {
		s.scratch = nil
	}
}

// offset returns the absolute offset of s.buf[s.pos].
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

func (s *scanner) syntax(msg string) error {
	return &jsonvalue.SyntaxError{Offset: s.offset(), Msg: msg}
}

// found is the syntax error msg at s.pos, naming what was found there:
// "<msg>, found 'x'".
func (s *scanner) found(msg string) error {
	s.ensure(utf8.UTFMax) // a character split between two reads is named whole
	return s.syntax(msg + ", found " + describe(s.buf[s.pos:]))
}

// describe names, for a message, the character that b starts with: quoted,
// with its code point when it is not ASCII, escaped when it is not printable.
func describe(b []byte) string {
	if len(b) == 0 {
		return "the end of the payload"
	}
	c := b[0]
	switch {
	case c > ' ' && c < 0x7f:
		return strconv.QuoteRune(rune(c))
	case c < 0x80:
		return fmt.Sprintf("control character U+%04X", c)
	}
	r, n := utf8.DecodeRune(b)
	switch {
	case r == utf8.RuneError && n <= 1:
		return fmt.Sprintf("byte 0x%02X, which is not UTF-8", c)
	case r == '\uFEFF':
		return "a byte order mark (U+FEFF)"
	}
	return fmt.Sprintf("%s (U+%04X)", strconv.QuoteRune(r), r)
}

// eofErr is the error for input that ends too early: it wraps
// io.ErrUnexpectedEOF.
func (s *scanner) eofErr() error {
	if s.err != nil {
		return s.err
	}
	return &jsonvalue.SyntaxError{Offset: s.base + int64(len(s.buf)), Msg: io.ErrUnexpectedEOF.Error(), Err: io.ErrUnexpectedEOF}
}

// held reports whether the bytes from absolute offset start on are still in the
// buffer.
func (s *scanner) held(start int64) bool { return start >= s.base }

// fill reads more input after s.buf, keeping the bytes of the open raw capture or
// else of the token being read while within their limits (or from s.pos on), and
// reports whether there is more. Reading a []byte, there never is.
func (s *scanner) fill() bool {
	if s.r == nil || s.eof {
		return false
	}
	from := s.pos
	at := s.offset()
	switch {
	case s.raw >= 0 && at-s.raw <= int64(s.rawMax):
		from = int(s.raw - s.base)
	case s.tok >= 0 && at-s.tok <= int64(s.tokMax):
		from = int(s.tok - s.base)
	}
	if from > 0 {
		n := copy(s.buf[:cap(s.buf)], s.buf[from:])
		s.buf = s.buf[:n]
		s.pos -= from
		s.base += int64(from)
	}
	if len(s.buf) == cap(s.buf) {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+1)
		copy(nb, s.buf)
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.eof, s.err = true, io.ErrNoProgress
	return false
}

// ensure fills until n bytes from s.pos are buffered or the input ends.
func (s *scanner) ensure(n int) {
	for len(s.buf)-s.pos < n && s.fill() {
	}
}

// markToken keeps the token starting at start while it is at most limit bytes.
func (s *scanner) markToken(start int64, limit int) { s.tok, s.tokMax = start, limit }

func (s *scanner) unmarkToken() { s.tok = -1 }

// markRaw keeps a raw capture starting at start while it is at most limit bytes.
// Inside an open raw capture the outermost one's limit governs.
func (s *scanner) markRaw(start int64, limit int) {
	if s.rawOpen == 0 {
		s.raw, s.rawMax = start, limit
	}
	s.rawOpen++
}

func (s *scanner) unmarkRaw() {
	if s.rawOpen--; s.rawOpen == 0 {
		s.raw = -1
	}
}

// peekFast returns the next byte, without consuming it, when it is buffered and not
// whitespace; else 0, and then nextNonWS finds the byte or the end of the input.
// Unlike a single peek method it inlines, which the hot loops need.
func (s *scanner) peekFast() byte {
	if s.pos < len(s.buf) && s.buf[s.pos] > ' ' {
		return s.buf[s.pos]
	}
	return 0
}

// nextNonWS skips whitespace and returns the next byte without consuming it.
func (s *scanner) nextNonWS() (byte, error) {
	for {
		buf, pos := s.buf, s.pos
		for pos < len(buf) {
			c := buf[pos]
			if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
				pos++
				continue
			}
			s.pos = pos
			return c, nil
		}
		s.pos = pos
		if !s.fill() {
			return 0, s.eofErr()
		}
	}
}

// finish accepts trailing whitespace up to the end of the input.
func (s *scanner) finish() error {
	for {
		for ; s.pos < len(s.buf); s.pos++ {
			switch s.buf[s.pos] {
			case ' ', '\n', '\r', '\t':
			default:
				return s.syntax("data after the top-level value")
			}
		}
		if !s.fill() {
			return s.err
		}
	}
}

// run scans the whole input with the query's root state.
func (s *scanner) run(h Handler) error {
	s.h, s.raw, s.tok = h, -1, -1
	s.step, _ = h.(ElementStepper)
	st := s.q.root
value:
	for {
		// A value is next, at state st.
		c, err := s.peekFast(), error(nil)
		if c == 0 {
			if c, err = s.nextNonWS(); err != nil {
				return err
			}
		}
		switch {
		case st == nil:
			err = s.skipValue()
		case c == '{' && st.objIn:
			if n := len(s.stack); n < s.maxDepth && n < cap(s.stack) && !st.rawCap {
				// open without a call: no raw capture, room on the stack.
				s.stack = s.stack[:n+1]
				s.stack[n] = frame{st: st, rawStart: -1}
				s.pos++
			} else if err := s.open(st, false); err != nil {
				return err
			}
			c, err = s.peekFast(), nil
			if c == 0 {
				if c, err = s.nextNonWS(); err != nil {
					return err
				}
			}
			if c == '}' {
				s.pos++
				err = s.close(Object)
				break
			}
			f := &s.stack[len(s.stack)-1]
			if st, err = s.members(f, c); err != nil {
				return err
			}
			if st != nil {
				continue value
			}
			// The object's members were all skipped or delivered by members.
		case c == '[' && st.arrIn:
			if err := s.open(st, true); err != nil {
				return err
			}
			for _, slot := range st.each {
				if err := h.BeginArray(slot); err != nil {
					return err
				}
			}
			c, err = s.peekFast(), nil
			if c == 0 {
				if c, err = s.nextNonWS(); err != nil {
					return err
				}
			}
			if c != ']' {
				if st, err = s.beginElement(&s.stack[len(s.stack)-1]); err != nil {
					return err
				}
				continue value
			}
			s.pos++
			err = s.close(Array)
		case c == '{' || c == '[':
			err = s.leaf(st, c)
		default:
			if !s.careful && len(st.caps) > 0 {
				// scalar's fast path, without its call.
				var done bool
				if done, err = s.scalarBuffered(st, c); done {
					break
				}
			}
			err = s.scalar(st, c)
		}
		if err != nil {
			return err
		}
		// A value ended: what follows depends on the innermost open container.
		for {
			n := len(s.stack)
			if n == 0 {
				return s.finish()
			}
			f := &s.stack[n-1]
			c, err := s.peekFast(), error(nil)
			if c == 0 {
				if c, err = s.nextNonWS(); err != nil {
					return err
				}
			}
			if f.array {
				if c == ',' {
					s.pos++
					if st, err = s.nextElement(f); err != nil {
						return err
					}
					continue value
				}
				if err := s.endElement(f); err != nil {
					return err
				}
				switch c {
				case ']':
					s.pos++
					if err := s.close(Array); err != nil {
						return err
					}
					continue
				}
				return s.found("expected ',' or ']' after an array element")
			}
			switch c {
			case ',':
				s.pos++
				c, err := s.peekFast(), error(nil)
				if c == 0 {
					if c, err = s.nextNonWS(); err != nil {
						return err
					}
				}
				if st, err = s.members(f, c); err != nil {
					return err
				}
				if st != nil {
					continue value
				}
				continue // the members were skipped or delivered by members
			case '}':
				s.pos++
				if f.rawStart < 0 && !f.st.wants {
					// close without a call: nothing to deliver.
					s.stack = s.stack[:n-1]
				} else if err := s.close(Object); err != nil {
					return err
				}
				continue
			}
			return s.found("expected ',' or '}' after an object member")
		}
	}
}

// open pushes the array or object at s.pos.
func (s *scanner) open(st *state, array bool) error {
	if len(s.stack) >= s.maxDepth {
		return &jsonvalue.DepthError{Offset: s.offset(), MaxDepth: s.maxDepth}
	}
	f := frame{st: st, array: array, rawStart: -1}
	if st.rawCap {
		f.rawStart = s.offset()
		s.markRaw(f.rawStart, st.keepLen)
	}
	s.pos++
	s.stack = append(s.stack, f)
	return nil
}

// close pops the innermost container, which just ended, and delivers it.
func (s *scanner) close(kind Kind) error {
	f := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	if kind == Array {
		for _, slot := range f.st.each {
			if err := s.h.EndArray(slot); err != nil {
				return err
			}
		}
	}
	if f.rawStart >= 0 {
		s.unmarkRaw()
	}
	if !f.st.wants {
		return nil // nothing to deliver
	}
	return s.deliverContainer(f.st, kind, f.rawStart)
}

// leaf skips an array or object that has nothing to visit inside, and delivers it.
func (s *scanner) leaf(st *state, c byte) error {
	start := int64(-1)
	if st.rawCap {
		start = s.offset()
		s.markRaw(start, st.keepLen)
	}
	if err := s.skipValue(); err != nil {
		return err
	}
	if st.rawCap {
		s.unmarkRaw()
	}
	return s.deliverContainer(st, Kind(c), start)
}

// deliverContainer delivers the array or object that just ended, whose raw text
// starts at rawStart when a capture wants it (else rawStart is -1).
func (s *scanner) deliverContainer(st *state, kind Kind, rawStart int64) error {
	for _, c := range st.caps {
		if !c.raw {
			if err := s.h.Capture(c.slot, kind, nil); err != nil {
				return err
			}
			continue
		}
		if err := s.deliver(c, kind, rawStart, nil); err != nil {
			return err
		}
	}
	if kind != Array {
		for _, slot := range st.each {
			if err := s.h.Capture(slot, kind, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// deliver delivers capture c of a value of the given kind whose JSON text starts at
// start and ends at s.pos: its text (the raw text for a raw capture, else text),
// or an Overflow when the text is longer than the capture's limit or was let go.
func (s *scanner) deliver(c capture, kind Kind, start int64, text []byte) error {
	n := s.offset() - start
	if n > int64(c.maxLen) || !s.held(start) {
		return s.h.Overflow(c.slot, kind, n)
	}
	if c.raw {
		text = s.buf[start-s.base : s.pos]
	}
	return s.h.Capture(c.slot, kind, text)
}

// scalar reads the string, number or literal at s.pos and delivers it.
func (s *scanner) scalar(st *state, c byte) error {
	if len(st.caps) == 0 {
		// Only Each slots, which take the kind of a value that is not an array.
		if !st.wants {
			return s.skipValue()
		}
		kind := Kind(c)
		if c != '"' && c != 't' && c != 'f' && c != 'n' {
			kind = Number
		}
		if err := s.skipValue(); err != nil {
			return err
		}
		for _, slot := range st.each {
			if err := s.h.Capture(slot, kind, nil); err != nil {
				return err
			}
		}
		return nil
	}
	// (Unless the fast paths are off, run has tried scalarBuffered already: the
	// careful path below reads the value again when it is invalid or runs to
	// the end of the buffered bytes.)
	start := s.offset()
	s.markToken(start, st.keepLen)
	var err error
	esc := false
	kind := Kind(c)
	switch c {
	case '"':
		// Fast path: the whole string is buffered and valid.
		end := -1
		if !s.careful {
			end, esc = stringEnd(s.buf, s.pos+1)
		}
		if end >= 0 {
			s.pos = end
			break
		}
		s.pos++
		esc, err = s.scanString()
	case 't', 'f', 'n':
		err = s.literal(c)
	default:
		kind = Number
		err = s.scanNumber()
	}
	s.unmarkToken()
	if err != nil {
		return err
	}
	// Delivered as deliver does, without a call per capture.
	var text []byte
	n, held := s.offset()-start, s.held(start)
	if held && n <= int64(st.keepLen) {
		text = s.scalarText(s.buf[start-s.base:s.pos], kind, esc)
	}
	for _, c := range st.caps {
		switch {
		case n > int64(c.maxLen) || !held:
			err = s.h.Overflow(c.slot, kind, n)
		case c.raw:
			err = s.h.Capture(c.slot, kind, s.buf[start-s.base:s.pos])
		default:
			err = s.h.Capture(c.slot, kind, text)
		}
		if err != nil {
			return err
		}
	}
	for _, slot := range st.each {
		if err := s.h.Capture(slot, kind, nil); err != nil {
			return err
		}
	}
	return nil
}

// scalarBuffered is scalar's fast path over the bytes in s.buf (the whole
// input, or the window of a reader): it reads a valid string, number or
// literal at s.pos that ends before the end of s.buf (a number there might go
// on) and delivers it, reporting true; else it reads nothing and reports
// false, and scalar reads the value the careful way, reading more input as
// needed. A value read whole from s.buf is held whole.
func (s *scanner) scalarBuffered(st *state, c byte) (bool, error) {
	start, end, esc, kind := s.pos, -1, false, Kind(c)
	switch c {
	case '"':
		end, esc = stringEnd(s.buf, start+1)
	case 't':
		end = literalEnd(s.buf, start, "true")
	case 'f':
		end = literalEnd(s.buf, start, "false")
	case 'n':
		end = literalEnd(s.buf, start, "null")
	default:
		kind, end = Number, numberEnd(s.buf, start)
	}
	if end < 0 {
		return false, nil
	}
	s.pos = end
	n := end - start
	if st.plain {
		// One capture, so keepLen is its maxLen.
		if n > st.keepLen {
			return true, s.h.Overflow(st.caps[0].slot, kind, int64(n))
		}
		return true, s.h.Capture(st.caps[0].slot, kind, s.scalarText(s.buf[start:end], kind, esc))
	}
	var text []byte
	if n <= st.keepLen {
		text = s.scalarText(s.buf[start:end], kind, esc)
	}
	for _, c := range st.caps {
		var err error
		switch {
		case n > c.maxLen:
			err = s.h.Overflow(c.slot, kind, int64(n))
		case c.raw:
			err = s.h.Capture(c.slot, kind, s.buf[start:end])
		default:
			err = s.h.Capture(c.slot, kind, text)
		}
		if err != nil {
			return true, err
		}
	}
	for _, slot := range st.each {
		if err := s.h.Capture(slot, kind, nil); err != nil {
			return true, err
		}
	}
	return true, nil
}

// scalarText returns what a capture that is not raw takes of the scalar whose
// JSON text is raw: a string's content, decoded when it holds escapes (esc);
// else raw itself.
func (s *scanner) scalarText(raw []byte, kind Kind, esc bool) []byte {
	if kind != String {
		return raw
	}
	if raw = raw[1 : len(raw)-1]; esc {
		return s.decode(raw)
	}
	return raw
}

// members reads the members of the object f from the name that starts with c,
// validating and skipping those no path needs, up to the first one a path needs: it
// returns the state of that member's value, with s.pos at the value. When the
// object ends first, it returns nil with s.pos at the closing '}' (or, when the
// next element of the array around it is an object that follows at once, goes
// on with that element: see sibling). Skipping here, rather
// than through run, keeps the members between the wanted ones cheap. With the
// fast paths on, a member whose value is a scalar for one plain capture
// (state.plain) that scalarBuffered reads is delivered here too, and when a
// comma follows at once the members go on; else members returns nil with s.pos
// just past that value, for run's loop over the open containers. An object
// at a flat state flat reads first, and members goes on where it gives up.
func (s *scanner) members(f *frame, c byte) (*state, error) {
	var next *state
	var i, end int
	var err error
	var done bool
	if s.careful {
		goto careful
	}
first:
	if f.st.flat {
		if done, err := s.flat(f); done || err != nil {
			return nil, err
		}
		if c = s.peekFast(); c == 0 { // where flat gave up
			if c, err = s.nextNonWS(); err != nil {
				return nil, err
			}
		}
	}
	// The first member, when a path needs it, found at once (the usual case
	// of an array's elements) without skipMembers.
	if next, i, end = nameAt(s.buf, s.pos, f.st); next != nil {
		goto found
	}
fast:
	// The members no path needs, and the name of the next one a path needs,
	// over the buffered bytes.
	{
		var kinds []byte
		end, next, i, kinds = skipMembers(s.buf, s.pos, f.st, s.kinds[:0], s.maxDepth-len(s.stack))
		s.kinds = kinds[:0]
	}
	switch {
	case next != nil:
		goto found
	case i == closedObject:
		s.pos = end
		if ok, err := s.sibling(f); !ok || err != nil {
			return nil, err
		}
		c = '"'
		goto first
	case end != s.pos:
		s.pos = end
		if c = s.peekFast(); c == 0 {
			if c, err = s.nextNonWS(); err != nil {
				return nil, err
			}
		}
	}
careful:
	// One member the careful way (or where skipMembers stopped).
	if next, err = s.name(f, c); err != nil || next != nil {
		return next, err
	}
	if err = s.skipValue(); err != nil {
		return nil, err
	}
	if c = s.peekFast(); c == 0 {
		if c, err = s.nextNonWS(); err != nil {
			return nil, err
		}
	}
	switch c {
	case '}':
		return nil, nil
	case ',':
		s.pos++
		if c = s.peekFast(); c == 0 {
			if c, err = s.nextNonWS(); err != nil {
				return nil, err
			}
		}
		if s.careful {
			goto careful
		}
		goto fast
	}
	return nil, s.found("expected ',' or '}' after an object member")
found:
	// A member a path needs, its value at end.
	s.pos = end
	if bit := uint64(1) << (i & 63); i < 64 && f.seen&bit == 0 {
		f.seen |= bit // a first occurrence: matched without a call
	} else if err = s.matched(f, next, i); err != nil {
		return nil, err
	}
	if !next.plain {
		return next, nil
	}
	// A scalar for one plain capture (a member's value, usually): delivered
	// here, and on to the next member when a comma follows at once, without
	// going back through run.
	c = s.peekFast()
	if c == '{' || c == '[' || c == 0 {
		return next, nil
	}
	if done, err = s.scalarBuffered(next, c); !done {
		return next, nil
	}
	if err != nil {
		return nil, err
	}
	if s.pos >= len(s.buf) || s.buf[s.pos] != ',' {
		return nil, nil // a value ended: run's loop over the containers
	}
	s.pos++
	if c = s.peekFast(); c == 0 {
		if c, err = s.nextNonWS(); err != nil {
			return nil, err
		}
	}
	goto fast
}

// sibling goes from the end of the object f, s.pos at its '}', on to the next
// element of the array around it, when that element is an object that members
// reads too and follows at once (`},{"`): f becomes its frame and s.pos is at
// its first name. That is what run would do after members returns (f needs
// nothing at its end: no raw capture, nothing to deliver), without the way
// back through run for every element of an array of objects. It reports
// false, changing nothing, when that is not the case.
func (s *scanner) sibling(f *frame) (bool, error) {
	n, p := len(s.stack), s.pos
	if n < 2 || f.rawStart >= 0 || f.st.wants || !objectFollows(s.buf, p) {
		return false, nil
	}
	a := &s.stack[n-2]
	if st := a.st.element(a.index + 1); !a.array || st == nil || !st.objIn || st.rawCap {
		return false, nil
	}
	s.pos = p + 2 // the next element's offset, should the handler fail
	st, err := s.nextElement(a)
	if err != nil {
		return false, err
	}
	*f = frame{st: st, rawStart: -1}
	s.pos = p + 3
	return true, nil
}

// objectFollows reports whether the '}' at p in buf is followed at once by a
// comma and an object's first name (`},{"`): the next element of an array of
// objects, which sibling and flat go on to.
func objectFollows(buf []byte, p int) bool {
	return p+3 < len(buf) && buf[p+1] == ',' && buf[p+2] == '{' && buf[p+3] == '"'
}

// nameAt is the commonest case of skipMembers, without its call: when the
// member name at pos in buf (at an opening quote, or not) is plain (no escape),
// one of st's keys, and followed at once by a colon and a value that is not
// whitespace, it returns the state of that member's value, the key edge's
// index and the offset of the value; else nil.
func nameAt(buf []byte, pos int, st *state) (next *state, i, value int) {
	if uint(pos) >= uint(len(buf)) || buf[pos] != '"' {
		return nil, -1, 0
	}
	end := plainRun(buf, pos+1) + 1
	n := uint(end - pos - 2)
	if end >= len(buf) || buf[end-1] != '"' || n >= 64 || st.keyLens>>n&1 == 0 || buf[end] != ':' || end+1 >= len(buf) || buf[end+1] <= ' ' {
		return nil, -1, 0
	}
	if n <= 8 && len(buf)-pos > 8 && st.keyMap == nil {
		next, i = st.lookupShort(buf, pos+1, n)
	} else {
		next, i = st.lookup(buf[pos+1 : end-1])
	}
	return next, i, end + 1
}

// name reads a member name of the object f, which starts with c, and the colon after
// it. It returns the state of the member's value.
func (s *scanner) name(f *frame, c byte) (*state, error) {
	if c != '"' {
		return nil, s.found("expected a member name")
	}
	start := s.offset()
	// Fast path: the whole name is buffered and valid.
	end, esc := -1, false
	if !s.careful {
		end, esc = stringEnd(s.buf, s.pos+1)
	}
	if end >= 0 {
		s.pos = end
	} else {
		s.markToken(start, s.q.nameLen)
		s.pos++
		var err error
		esc, err = s.scanString()
		s.unmarkToken()
		if err != nil {
			return nil, err
		}
	}
	var next *state
	var i int
	// A name longer than any token could be, escaped, matches none: it was not
	// held.
	if s.held(start) && s.offset()-start <= int64(s.q.nameLen) {
		key := s.buf[start-s.base+1 : s.pos-1]
		if esc {
			key = s.decode(key)
		}
		next, i = f.st.lookup(key)
	}
	if next != nil {
		if err := s.matched(f, next, i); err != nil {
			return nil, err
		}
	}
	if c = s.peekFast(); c == 0 {
		var err error
		if c, err = s.nextNonWS(); err != nil {
			return nil, err
		}
	}
	if c != ':' {
		return nil, s.found("expected ':' after a member name")
	}
	s.pos++
	return next, nil
}

// matched notes that the object f has a member named by its state's key edge i,
// whose value's state is next: a name seen before resets what its earlier
// occurrence delivered.
func (s *scanner) matched(f *frame, next *state, i int) error {
	bit := uint64(1) << (i & 63)
	if i >= 64 || f.seen&bit != 0 {
		for _, slot := range next.resets {
			if err := s.h.Reset(slot); err != nil {
				return err
			}
		}
	}
	f.seen |= bit
	return nil
}

func (s *scanner) beginElement(f *frame) (*state, error) {
	for _, slot := range f.st.each {
		if err := s.h.BeginElement(slot, f.index); err != nil {
			return nil, err
		}
	}
	return f.st.element(f.index), nil
}

// nextElement ends the element of the array f just read and begins the next:
// endElement and beginElement in one call (and one call of the handler when it
// is an ElementStepper and one Each path iterates f).
func (s *scanner) nextElement(f *frame) (*state, error) {
	each := f.st.each
	if len(each) == 1 && s.step != nil {
		f.index++
		if err := s.step.NextElement(each[0], f.index); err != nil {
			return nil, err
		}
		return f.st.element(f.index), nil
	}
	for i := len(each) - 1; i >= 0; i-- {
		if err := s.h.EndElement(each[i], f.index); err != nil {
			return nil, err
		}
	}
	f.index++
	for _, slot := range each {
		if err := s.h.BeginElement(slot, f.index); err != nil {
			return nil, err
		}
	}
	return f.st.element(f.index), nil
}

func (s *scanner) endElement(f *frame) error {
	for i := len(f.st.each) - 1; i >= 0; i-- {
		if err := s.h.EndElement(f.st.each[i], f.index); err != nil {
			return err
		}
	}
	return nil
}
