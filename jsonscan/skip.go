package jsonscan

// skipValue validates and skips the value at s.pos, which no path needs, without
// allocating (beyond growing the reused stack of open containers).
func (s *scanner) skipValue() error {
	kinds := s.kinds[:0]
	defer func() { s.kinds = kinds[:0] }()
	depth := len(s.stack)
	for {
		// A value is next.
		c, err := s.peek()
		if err != nil {
			return err
		}
		switch c {
		case '{', '[':
			if depth+len(kinds) >= s.maxDepth {
				return &DepthError{Offset: s.offset(), MaxDepth: s.maxDepth}
			}
			s.pos++
			d, err := s.peek()
			if err != nil {
				return err
			}
			if d == c+2 { // empty
				s.pos++
				break
			}
			kinds = append(kinds, c)
			if c == '{' {
				if err := s.skipName(d); err != nil {
					return err
				}
			}
			continue
		case '"':
			s.pos++
			if _, err := s.scanString(); err != nil {
				return err
			}
		case 't':
			err = s.literal("true")
		case 'f':
			err = s.literal("false")
		case 'n':
			err = s.literal("null")
		default:
			err = s.scanNumber()
		}
		if err != nil {
			return err
		}
		// A value ended.
		for {
			if len(kinds) == 0 {
				return nil
			}
			k := kinds[len(kinds)-1]
			c, err := s.peek()
			if err != nil {
				return err
			}
			if c == ',' {
				s.pos++
				if k == '{' {
					d, err := s.peek()
					if err != nil {
						return err
					}
					if err := s.skipName(d); err != nil {
						return err
					}
				}
				break
			}
			if c != k+2 {
				if k == '{' {
					return s.syntax("expected ',' or '}' after an object member")
				}
				return s.syntax("expected ',' or ']' after an array element")
			}
			s.pos++
			kinds = kinds[:len(kinds)-1]
		}
	}
}

// skipName skips a member name, which starts with c, and the colon after it.
func (s *scanner) skipName(c byte) error {
	if c != '"' {
		return s.syntax("expected a member name")
	}
	s.pos++
	if _, err := s.scanString(); err != nil {
		return err
	}
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != ':' {
		return s.syntax("expected ':' after a member name")
	}
	s.pos++
	return nil
}
