package jsonscan

import "github.com/segsync/segsync/jsonvalue"

// skipValue validates and skips the value at s.pos, which no path needs, without
// allocating (beyond growing s.kinds, the reused stack of the containers open
// inside the value). It is never called while another skipValue runs.
func (s *scanner) skipValue() error {
	depth := len(s.stack)
	if !s.careful {
		end, kinds := skipBuffered(s.buf, s.pos, s.kinds[:0], s.maxDepth-depth)
		s.kinds = kinds[:0]
		if end >= 0 {
			s.pos = end
			return nil
		}
	}
	for {
		// A value is next.
		c := s.peekFast()
		if c == 0 {
			var err error
			if c, err = s.nextNonWS(); err != nil {
				return err
			}
		}
		var err error
		switch c {
		case '{', '[':
			if depth+len(s.kinds) >= s.maxDepth {
				return &jsonvalue.DepthError{Offset: s.offset(), MaxDepth: s.maxDepth}
			}
			s.pos++
			d := s.peekFast()
			if d == 0 {
				if d, err = s.nextNonWS(); err != nil {
					return err
				}
			}
			if d == c+2 { // empty
				s.pos++
				break
			}
			s.kinds = append(s.kinds, c)
			if c == '{' {
				if err := s.skipName(d); err != nil {
					return err
				}
			}
			continue
		case '"':
			s.pos++
			_, err = s.scanString()
		case 't', 'f', 'n':
			err = s.literal(c)
		default:
			err = s.scanNumber()
		}
		if err != nil {
			return err
		}
		// A value ended.
		for {
			if len(s.kinds) == 0 {
				return nil
			}
			k := s.kinds[len(s.kinds)-1]
			c := s.peekFast()
			if c == 0 {
				if c, err = s.nextNonWS(); err != nil {
					return err
				}
			}
			if c == ',' {
				s.pos++
				if k == '{' {
					d := s.peekFast()
					if d == 0 {
						if d, err = s.nextNonWS(); err != nil {
							return err
						}
					}
					if err := s.skipName(d); err != nil {
						return err
					}
				}
				break
			}
			if c != k+2 {
				if k == '{' {
					return s.found("expected ',' or '}' after an object member")
				}
				return s.found("expected ',' or ']' after an array element")
			}
			s.pos++
			s.kinds = s.kinds[:len(s.kinds)-1]
		}
	}
}

// skipName skips a member name, which starts with c, and the colon after it.
func (s *scanner) skipName(c byte) error {
	if c != '"' {
		return s.found("expected a member name")
	}
	s.pos++
	if _, err := s.scanString(); err != nil {
		return err
	}
	if c = s.peekFast(); c == 0 {
		var err error
		if c, err = s.nextNonWS(); err != nil {
			return err
		}
	}
	if c != ':' {
		return s.found("expected ':' after a member name")
	}
	s.pos++
	return nil
}
