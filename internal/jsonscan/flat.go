package jsonscan

// maxFlatKeys is the most key edges a flat state has (state.flat): the values
// of one object are recorded in a fixed array of that many.
const maxFlatKeys = 8

// maxFlatBails is how many objects of a scan flat may give up on, other than
// at the end of a reader's window, before the scan stops trying it: a payload
// whose objects flat cannot read pays for the try a bounded number of times.
const maxFlatBails = 32

// A flatValue is a value flat recorded: its JSON text buf[start:end], its
// kind, its key edge and whether a string holds escapes.
type flatValue struct {
	start, end int
	edge       uint8
	kind       Kind
	esc        bool
}

// flatRead is what skipMembersGo records, for flat, of the object it reads:
// the values a path needs, in the order they came, and the names seen (by key
// edge).
type flatRead struct {
	vals [maxFlatKeys]flatValue
	n    int
	seen uint64
}

// record reads the value of key edge i at pos in buf, a scalar, and records
// it; it returns the offset just past the value, or -1 when the value is not
// a valid scalar that ends within buf or its name came before (a repeated
// name resets what the first delivered, which flat leaves to members).
func (fl *flatRead) record(buf []byte, pos, i int) int {
	bit := uint64(1) << (i & 63)
	if fl.seen&bit != 0 || uint(pos) >= uint(len(buf)) {
		return -1
	}
	fl.seen |= bit
	v := flatValue{start: pos, edge: uint8(i), kind: Kind(buf[pos])}
	switch v.kind {
	case String:
		v.end, v.esc = stringEnd(buf, pos+1)
	case True:
		v.end = literalEnd(buf, pos, "true")
	case False:
		v.end = literalEnd(buf, pos, "false")
	case Null:
		v.end = literalEnd(buf, pos, "null")
	case Object, Array:
		return -1
	default:
		v.kind, v.end = Number, numberEnd(buf, pos)
	}
	fl.vals[fl.n] = v
	fl.n++
	return v.end
}

// flat reads the object f, at a flat state (state.flat: every member a path
// needs holds a scalar for one plain capture), from the member name at s.pos
// to its end in one call of skipMembersGo, which records the values a path
// needs instead of returning at each; then it delivers them, in the order
// they came, and leaves s.pos at the object's closing '}'. When the object is
// an element of an array and the next element follows at once (`},{"`), it
// goes on with that one as sibling would. It reports whether s.pos is at the
// end of an object it read; when it is not, flat gave up on the object at
// s.pos (a name with an escape or repeated, a value a path needs that is not
// a scalar, anything invalid, the end of the buffered bytes) having
// delivered nothing of it, and members reads it on from s.pos, as it would
// have. Reading an array's member objects whole, rather than going back to
// members at each value a path needs, makes them cheaper.
func (s *scanner) flat(f *frame) (bool, error) {
	if s.flatMiss {
		// The last object flat gave up on was read by members without more
		// input: flat did not give up at the end of a reader's window.
		s.flatBails++
		s.flatMiss = false
	}
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
	for s.flatBails < maxFlatBails {
		fl.n, fl.seen = 0, f.seen
		end, _, edge, kinds := skipMembersGo(s.buf, s.pos, f.st, s.kinds[:0], s.maxDepth-len(s.stack), fl)
		s.kinds = kinds[:0]
		if edge != closedObject {
			s.flatMiss = true
			return false, nil
		}
		s.pos = end
		if err := s.deliverFlat(f.st, fl.vals[:fl.n]); err != nil {
			return true, err
		}
		if step == nil || end+3 >= len(s.buf) || s.buf[end+1] != ',' || s.buf[end+2] != '{' || s.buf[end+3] != '"' ||
			step.index < step.st.lastIdx && step.st.element(step.index+1) != f.st {
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
	return false, nil
}

// deliverFlat delivers the values of an object flat recorded, as
// scalarBuffered does for a plain state.
func (s *scanner) deliverFlat(st *state, vals []flatValue) error {
	for k := range vals {
		v := &vals[k]
		c := &st.flatCaps[v.edge&(maxFlatKeys-1)]
		raw := s.buf[v.start:v.end]
		var err error
		if len(raw) > c.maxLen {
			err = s.h.Overflow(c.slot, v.kind, int64(len(raw)))
		} else {
			if v.kind == String {
				if raw = raw[1 : len(raw)-1]; v.esc {
					raw = s.decode(raw)
				}
			}
			err = s.h.Capture(c.slot, v.kind, raw)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
