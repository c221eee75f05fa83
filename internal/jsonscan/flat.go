package jsonscan

// maxFlatKeys is the most key edges a flat state has (state.flat), as many as
// its flatCaps holds; a state with more looks its keys up in a map.
const maxFlatKeys = 8

// flatRead is what skipFlat needs, for flat, to deliver the values of
// the object it reads as it reads them: the scanner, the object's state and
// the names seen so far (by key edge); and the handler's error, when one
// stopped it.
type flatRead struct {
	s     *scanner
	st    *state
	seen  uint64
	after int // the offset just past the last value delivered, or -1
	err   error
}

// deliver reads the value of key edge i at pos in buf, a scalar, and
// delivers it as scalarBuffered does; it returns the offset just past the
// value, or -1 when the value is not a valid scalar that ends within buf, its
// name came before (a repeat resets what the first delivered, which flat
// leaves to members) or the handler failed (fl.err).
func (fl *flatRead) deliver(buf []byte, pos, i int) int {
	bit := uint64(1) << (i & 63)
	if fl.seen&bit != 0 || uint(pos) >= uint(len(buf)) {
		return -1
	}
	// scalarBuffered's switch, repeated: as a function of its own it is not
	// inlined, and the call cost Parse 0.1-1.2% more instructions.
	kind, end, esc := Kind(buf[pos]), -1, false
	switch kind {
	case String:
		end, esc = stringEnd(buf, pos+1)
	case True:
		end = literalEnd(buf, pos, "true")
	case False:
		end = literalEnd(buf, pos, "false")
	case Null:
		end = literalEnd(buf, pos, "null")
	default: // numberEnd settles an object or an array as no number: -1
		kind, end = Number, numberEnd(buf, pos)
	}
	if end < 0 {
		return -1
	}
	c := &fl.st.flatCaps[i&(maxFlatKeys-1)]
	if raw := buf[pos:end]; len(raw) > c.maxLen {
		fl.err = fl.s.h.Overflow(c.slot, kind, int64(len(raw)))
	} else {
		fl.err = fl.s.h.Capture(c.slot, kind, fl.s.scalarText(raw, kind, esc))
	}
	if fl.err != nil {
		return -1
	}
	fl.seen |= bit
	fl.after = end
	return end
}

// flat reads the object f, at a flat state (state.flat: every member a path
// needs holds a scalar for one plain capture), from the member name at s.pos
// to its end in one call of skipFlat (skipMembersGo, or skipAVX2 in the AVX2
// build), which delivers the values a path needs as it reads them
// (flatRead.deliver) instead of returning to members at each, and leaves
// s.pos at the object's closing '}'. When the object is
// an element of an array and the next element follows at once (`},{"`), it
// goes on with that one as sibling would. It reports whether members is done
// with f: s.pos is at the end of an object it read, or just past a value it
// delivered where it gave up (run's loop goes on from there); else it gave up
// where a member's name is due, s.pos, and members reads on from there. It
// gives up where skipMembers does (a name with an escape, anything invalid,
// the end of the buffered bytes) and at a repeated name or a value a path
// needs that is not a scalar. Reading an array's member objects in one call
// each, rather than going back to members at each value a path needs, makes
// them cheaper.
func (s *scanner) flat(f *frame) (bool, error) {
	// step is the array f is an element of, when the handler steps from one
	// element to the next in one call and the elements that no index of a
	// path names are at f's state (what sibling checks, once for all of
	// them); else nil.
	var step *frame
	if n := len(s.stack); n >= 2 && s.step != nil {
		if a := &s.stack[n-2]; a.array && len(a.st.each) == 1 && a.st.elem == f.st {
			step = a
		}
	}
	fl := &s.flatRead
	fl.s, fl.st = s, f.st
	for {
		fl.seen, fl.after = f.seen, -1
		end, edge, kinds := skipFlat(s.buf, s.pos, f.st, s.kinds[:0], s.maxDepth-len(s.stack), fl)
		s.kinds = kinds[:0]
		f.seen = fl.seen
		if fl.err != nil {
			return true, fl.err
		}
		if edge != closedObject {
			if fl.after > end {
				// Gave up after a value it delivered: run's loop goes on
				// from there.
				s.pos = fl.after
				return true, nil
			}
			// Gave up at the member due at end, which members reads on.
			s.pos = end
			return false, nil
		}
		s.pos = end
		if step == nil || !objectFollows(s.buf, end) || step.index < step.st.lastIdx && step.st.element(step.index+1) != f.st {
			return true, nil
		}
		s.pos = end + 2 // the next element's offset, should the handler fail
		step.index++
		if err := s.step.NextElement(step.st.each[0], step.index); err != nil {
			return true, err
		}
		*f = frame{st: f.st, rawStart: -1}
		s.pos = end + 3
	}
}
