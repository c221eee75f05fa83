package handlebars

// span is where the output of a text or an interpolation starts, and the
// statement that wrote it.
type span struct {
	out int
	st  statement
}

func (r *renderer) trace(st statement) {
	switch st.(type) {
	case *contentStmt, *mustacheStmt:
		*r.spans = append(*r.spans, span{out: r.out.Len(), st: st})
	}
}

// Locate renders the template with data and returns the byte offset in the
// template's source of what produced the byte at offset out of the output (the
// end of the output for an offset past it), for an error found in the output,
// such as invalid JSON: the interpolation that wrote it, or the place in a text.
// A byte that begins a text right after an interpolation is laid to the
// interpolation, since a value missing or wrong there is the likelier cause
// ({"ok": {{flag}}, ...} rendering {"ok": , ...}). Locate returns -1 when the
// render fails.
func (t *Template) Locate(data any, out int) int {
	var spans []span
	r := &renderer{t: t, spans: &spans}
	if err := r.render(data); err != nil {
		return -1
	}
	out = min(max(out, 0), r.out.Len())
	// The last statement to start writing at or before out wrote the byte there.
	i := len(spans) - 1
	for i >= 0 && spans[i].out > out {
		i--
	}
	if i < 0 {
		return 0
	}
	sp := spans[i]
	c, isText := sp.st.(*contentStmt)
	if !isText {
		return sp.st.stmtOffset()
	}
	delta := out - sp.out
	if firstNonSpace(c.value) >= delta && i > 0 {
		if _, after := spans[i-1].st.(*mustacheStmt); after {
			return spans[i-1].st.stmtOffset()
		}
	}
	// The text as written in the source: its value may be stripped of leading
	// whitespace, so count from the source's end of that whitespace.
	lead := len(c.original) - len(trimLeftSpace(c.original))
	if c.leftStripped {
		return c.offset + lead + min(delta, len(c.value))
	}
	return c.offset + min(delta, len(c.original))
}

func firstNonSpace(s string) int {
	return len(s) - len(trimLeftSpace(s))
}

func trimLeftSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') {
		s = s[1:]
	}
	return s
}
