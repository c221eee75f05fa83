package jsonscan

// skipBufferedGo is skipValue's fast path in pure Go (see skipBuffered): it validates the value at buf[pos:] and
// returns the offset just past it, working on local copies of the position and
// the buffer. It gives up, returning -1, whenever it cannot settle the value
// within buf: the value runs past the end of buf, holds anything invalid, or nests
// more than room levels. The caller then scans the same value again the careful
// way, which refills the buffer and words the errors. kinds is scratch for the
// open containers, returned for reuse.
func skipBufferedGo(buf []byte, pos int, kinds []byte, room int) (int, []byte) {
	for {
		// A value is next.
		pos = skipWS(buf, pos)
		if pos >= len(buf) {
			return -1, kinds
		}
		switch c := buf[pos]; c {
		case '{', '[':
			if len(kinds) >= room {
				return -1, kinds
			}
			if pos = skipWS(buf, pos+1); pos >= len(buf) {
				return -1, kinds
			}
			if buf[pos] == c+2 { // empty
				pos++
				break
			}
			kinds = append(kinds, c)
			if c == '{' {
				if pos = nameEnd(buf, pos); pos < 0 {
					return -1, kinds
				}
			}
			continue
		case '"':
			pos, _ = stringEndGo(buf, pos+1)
		case 't':
			pos = literalEnd(buf, pos, "true")
		case 'f':
			pos = literalEnd(buf, pos, "false")
		case 'n':
			pos = literalEnd(buf, pos, "null")
		default:
			pos = numberEnd(buf, pos)
		}
		if pos < 0 {
			return -1, kinds
		}
		// A value ended.
		for {
			if len(kinds) == 0 {
				return pos, kinds
			}
			if pos = skipWS(buf, pos); pos >= len(buf) {
				return -1, kinds
			}
			k := kinds[len(kinds)-1]
			if buf[pos] == ',' {
				if k == '{' {
					if pos = nameEnd(buf, skipWS(buf, pos+1)); pos < 0 {
						return -1, kinds
					}
				} else {
					pos++
				}
				break
			}
			if buf[pos] != k+2 {
				return -1, kinds
			}
			pos++
			kinds = kinds[:len(kinds)-1]
		}
	}
}

// closedObject is the edge index skipMembers returns at the end of an object.
const closedObject = -2

// skipMembersGo is members' fast path in pure Go (see skipMembers): from pos, at the name of a member of an
// object at state st, it validates and skips the members whose names no path
// needs, working on local copies of the position and the buffer, as skipBuffered
// does for values (room and kinds are skipBuffered's). It returns:
//
//   - at a member a path needs: the offset of its value (past the colon and any
//     whitespace), the state of the value and the index of its key edge;
//   - at the end of the object: the offset of its closing '}', nil and
//     closedObject;
//   - at a member it cannot settle within buf (an escaped name, anything
//     invalid, the end of buf): the offset where that member's name is due (just
//     past the last comma it read, or pos), nil and -1. The careful path reads on
//     from there.
func skipMembersGo(buf []byte, pos int, st *state, kinds []byte, room int) (end int, next *state, edge int, _ []byte) {
	at := pos
	for {
		if pos >= len(buf) || buf[pos] != '"' {
			return at, nil, -1, kinds
		}
		e, esc := stringEndGo(buf, pos+1)
		if e < 0 || esc {
			return at, nil, -1, kinds
		}
		next, i := st.lookup(buf[pos+1 : e-1])
		if pos = skipWS(buf, e); pos >= len(buf) || buf[pos] != ':' {
			return at, nil, -1, kinds
		}
		if pos = skipWS(buf, pos+1); pos >= len(buf) {
			return at, nil, -1, kinds
		}
		if next != nil {
			return pos, next, i, kinds
		}
		switch c := buf[pos]; c {
		case '"':
			pos, _ = stringEndGo(buf, pos+1)
		case '{', '[':
			pos, kinds = skipBufferedGo(buf, pos, kinds, room)
		case 't':
			pos = literalEnd(buf, pos, "true")
		case 'f':
			pos = literalEnd(buf, pos, "false")
		case 'n':
			pos = literalEnd(buf, pos, "null")
		default:
			pos = numberEnd(buf, pos)
		}
		if pos < 0 {
			return at, nil, -1, kinds
		}
		if pos = skipWS(buf, pos); pos >= len(buf) {
			return at, nil, -1, kinds
		}
		switch buf[pos] {
		case '}':
			return pos, nil, closedObject, kinds
		case ',':
			pos++
			at = pos
			pos = skipWS(buf, pos)
		default:
			return at, nil, -1, kinds
		}
	}
}

// skipWS returns the offset of the first byte at or after pos that is not
// whitespace, or len(buf).
func skipWS(buf []byte, pos int) int {
	if pos < len(buf) && buf[pos] > ' ' {
		return pos // minified JSON: no whitespace
	}
	for pos < len(buf) {
		switch buf[pos] {
		case ' ', '\n', '\r', '\t':
			pos++
		default:
			return pos
		}
	}
	return pos
}

// nameEnd returns the offset just past the member name at pos and the colon after
// it, or -1.
func nameEnd(buf []byte, pos int) int {
	if pos >= len(buf) || buf[pos] != '"' {
		return -1
	}
	if pos, _ = stringEndGo(buf, pos+1); pos < 0 {
		return -1
	}
	if pos = skipWS(buf, pos); pos >= len(buf) || buf[pos] != ':' {
		return -1
	}
	return pos + 1
}

// numberEnd returns the offset just past the valid number at pos, or -1, also when
// the number reaches the end of buf (more digits may follow).
func numberEnd(buf []byte, pos int) int {
	if pos < len(buf) && buf[pos] == '-' {
		pos++
	}
	switch {
	case pos >= len(buf):
		return -1
	case buf[pos] == '0':
		pos++
	case buf[pos]-'1' < 9:
		pos = digitsEnd(buf, pos+1)
	default:
		return -1
	}
	if pos < len(buf) && buf[pos] == '.' {
		start := pos + 1
		if pos = digitsEnd(buf, start); pos == start {
			return -1
		}
	}
	if pos < len(buf) && buf[pos]|0x20 == 'e' {
		pos++
		if pos < len(buf) && (buf[pos] == '+' || buf[pos] == '-') {
			pos++
		}
		start := pos
		if pos = digitsEnd(buf, start); pos == start {
			return -1
		}
	}
	if pos >= len(buf) {
		return -1
	}
	return pos
}

// digitsEnd returns the offset of the first byte at or after pos that is not a
// decimal digit, or len(buf).
func digitsEnd(buf []byte, pos int) int {
	for pos < len(buf) && buf[pos]-'0' < 10 {
		pos++
	}
	return pos
}
