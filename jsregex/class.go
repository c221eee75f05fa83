package jsregex

import "unicode/utf8"

// classItem is one piece of a JavaScript class: a class escape (\d, \s, ...),
// or the UTF-16 code units lo..hi (a single unit or a range).
type classItem struct {
	set    charset // non-nil for a class escape
	lo, hi rune
	single bool // a unit on its own, not a range end: it may pair with a neighbour
}

// class translates a character class [...] at t.pos. JavaScript without the u
// flag reads a class as UTF-16 code units; the translation joins a high
// surrogate directly followed by a low one (neither a range end) into their
// astral character and drops the other surrogates, which UTF-8 never holds.
func (t *translator) class() error {
	start := t.pos
	t.pos++
	negate := t.more() && t.src[t.pos] == '^'
	if negate {
		t.pos++
	}
	var items []classItem
	for {
		if t.pendingLow < 0 {
			if !t.more() {
				return t.errorf(start, jsInvalid+"unterminated character class: this [ has no ]")
			}
			if t.src[t.pos] == ']' {
				t.pos++
				break
			}
		}
		atomStart := t.pos
		a, err := t.classAtom()
		if err != nil {
			return err
		}
		if t.pendingLow >= 0 || !t.more() || t.src[t.pos] != '-' {
			a.single = a.set == nil
			items = append(items, a)
			continue
		}
		t.pos++ // the -
		if !t.more() {
			return t.errorf(start, jsInvalid+"unterminated character class: this [ has no ]")
		}
		dash := classItem{lo: '-', hi: '-'}
		if t.src[t.pos] == ']' {
			items = append(items, a, dash)
			continue
		}
		b, err := t.classAtom()
		if err != nil {
			return err
		}
		switch {
		case a.set != nil || b.set != nil: // Annex B: [\d-z] is \d, - and z
			items = append(items, a, dash, b)
		case a.lo > b.lo:
			return t.errorf(atomStart, jsInvalid+"range out of order in character class")
		default:
			items = append(items, classItem{lo: a.lo, hi: b.lo})
		}
	}

	var rs []rng
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch {
		case it.set != nil:
			rs = append(rs, it.set...)
		case it.single && isHighSurrogate(it.lo) && i+1 < len(items) &&
			items[i+1].single && isLowSurrogate(items[i+1].lo):
			r := utf16Pair(it.lo, items[i+1].lo)
			rs = append(rs, rng{r, r})
			i++
		default:
			rs = append(rs, rng{it.lo, it.hi}) // surrogates drop out in newCharset
		}
	}
	set := newCharset(rs)
	if negate {
		t.out.WriteString(set.negatedRE2())
	} else {
		t.out.WriteString(set.re2())
	}
	return nil
}

// classAtom reads one class atom: a code unit or a class escape.
func (t *translator) classAtom() (classItem, error) {
	unit := func(u rune) (classItem, error) { return classItem{lo: u, hi: u}, nil }
	if t.pendingLow >= 0 {
		u := t.pendingLow
		t.pendingLow = -1
		return unit(u)
	}
	start := t.pos
	if t.src[start] != '\\' {
		r, n := utf8.DecodeRuneInString(t.src[start:])
		t.pos += n
		return t.units(r)
	}
	if start+1 >= len(t.src) {
		return classItem{}, t.errorf(start, jsInvalid+`\ at end of pattern`)
	}
	c := t.src[start+1]
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		t.pos += 2
		set := map[byte]charset{'d': digitSet, 'w': wordSet, 's': spaceSet}[c|0x20]
		if c < 'a' {
			set = set.complement()
		}
		return classItem{set: set}, nil
	case 'b': // backspace inside a class
		t.pos += 2
		return unit('\b')
	case '-':
		t.pos += 2
		return unit('-')
	case 'c':
		// Annex B: a control letter, or inside a class also a digit or _;
		// otherwise the backslash is literal and the c is read next.
		if l := t.peek(2); 'a' <= l|0x20 && l|0x20 <= 'z' || '0' <= l && l <= '9' || l == '_' {
			t.pos += 3
			return unit(rune(l & 0x1F))
		}
		t.pos++
		return unit('\\')
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v, n := octalValue(t.src[start+1:])
		t.pos += 1 + n
		return unit(v)
	case 'k':
		if t.names != nil {
			return classItem{}, t.errorf(start, jsInvalid+`invalid escape \k in a class of a pattern with named groups`)
		}
	}
	r, n := t.characterEscape(start)
	t.pos = start + n
	return t.units(r)
}

// units returns r as UTF-16 code units: r itself, or the high surrogate with
// the low one left in t.pendingLow.
func (t *translator) units(r rune) (classItem, error) {
	if r > 0xFFFF {
		r -= 0x10000
		t.pendingLow = 0xDC00 + r&0x3FF
		r = surrogateLo + r>>10
	}
	return classItem{lo: r, hi: r}, nil
}
