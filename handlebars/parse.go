package handlebars

import (
	"strconv"
	"strings"

	"github.com/segsync/segsync/internal/utf8pos"
)

// builtinArity lists the built-in block helpers and their parameter counts.
var builtinArity = map[string]int{"if": 1, "unless": 1, "each": 1, "with": 1}

// reservedHelpers are Handlebars.js helper names that this package does not
// implement and that cannot be registered, so that a template can never mean
// one thing here and another in Handlebars.js.
var reservedHelpers = map[string]bool{"lookup": true, "log": true, "helperMissing": true, "blockHelperMissing": true}

// Parse parses a template once, checking every construct, helper and limit.
// It returns a [*ParseError] for any problem.
func Parse(src string, opts ...Option) (*Template, error) {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	cfg.limits = cfg.limits.withDefaults()
	if len(src) > cfg.limits.MaxTemplateSize {
		return nil, newParseError(src[:0], 0, ErrTemplateTooLarge, "template is %d bytes, over the limit of %d", len(src), cfg.limits.MaxTemplateSize)
	}
	for name, h := range cfg.helpers {
		switch {
		case builtinArity[name] != 0 || reservedHelpers[name]:
			return nil, newParseError(src, 0, ErrUnsupported, "helper %q is built in and cannot be registered", name)
		case name == "" || idLen(name) != len(name) || (strings.HasPrefix(name, "else") && !isWordByteAt(name, 4)) || isScoped(name):
			return nil, newParseError(src, 0, ErrSyntax, "helper name %q is not a plain identifier", name)
		case h.Fn == nil && h.value == nil:
			return nil, newParseError(src, 0, ErrSyntax, "helper %q has no Fn", name)
		case h.value != nil && h.Params != h.arity:
			return nil, newParseError(src, 0, ErrArity, "helper %q takes %d parameter(s); its Params cannot be %d", name, h.arity, h.Params)
		}
		if _, n := keywordOrNumber(name + " "); n == len(name) {
			return nil, newParseError(src, 0, ErrSyntax, "helper name %q is a literal", name)
		}
	}
	if off := utf8pos.FirstInvalid(src); off >= 0 {
		return nil, newParseError(src, off, ErrSyntax, "template is not valid UTF-8")
	}
	if i := strings.IndexByte(src, 0); i >= 0 {
		return nil, newParseError(src, i, ErrSyntax, "template contains a NUL character")
	}
	toks, perr := lex(src)
	if perr != nil {
		return nil, perr
	}
	p := &parser{src: src, toks: toks, cfg: &cfg}
	root, perr := p.parseProgram()
	if perr != nil {
		return nil, perr
	}
	switch t := p.peek(); t.kind {
	case tEOF:
	case tOpenEnd:
		return nil, p.errorf(t.pos, ErrSyntax, "closing tag without a matching block")
	default:
		return nil, p.errorf(t.pos, ErrSyntax, "{{else}} outside a block")
	}
	w := &whitespace{}
	w.program(root)
	compact(root)
	return &Template{src: src, root: root, helpers: cfg.helpers, limits: cfg.limits, useDepths: usesDepths(root)}, nil
}

type parser struct {
	src   string
	toks  []token
	i     int
	cfg   *config
	depth int
}

func (p *parser) errorf(off int, sentinel error, format string, args ...any) *ParseError {
	return newParseError(p.src, off, sentinel, format, args...)
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// parseProgram parses statements up to a closing tag, an else or the end.
func (p *parser) parseProgram() (*program, *ParseError) {
	prog := &program{}
	for {
		t := p.peek()
		switch t.kind {
		case tEOF, tOpenEnd, tInverse, tOpenInverseChain:
			return prog, nil
		case tContent:
			p.next()
			prog.body = append(prog.body, &contentStmt{offset: t.pos, original: t.text, value: t.text})
		case tComment:
			p.next()
			prog.body = append(prog.body, &commentStmt{offset: t.pos, strip: t.strip})
		case tOpen, tOpenUnescaped:
			m, err := p.parseMustache()
			if err != nil {
				return nil, err
			}
			prog.body = append(prog.body, m)
		case tOpenBlock:
			b, err := p.parseBlock()
			if err != nil {
				return nil, err
			}
			prog.body = append(prog.body, b)
		default:
			return nil, p.errorf(t.pos, ErrSyntax, "unexpected %v", t.kind)
		}
	}
}

// call is the contents of a tag: a name or value and its parameters.
type call struct {
	exprs    []expr
	original string // the first expression as Handlebars.js spells it (see parsePath)
	close    token
}

// parseCall parses expressions up to the close token, which must be want.
func (p *parser) parseCall(open token, want tokKind) (call, *ParseError) {
	var c call
	for {
		t := p.next()
		switch t.kind {
		case tClose, tCloseUnescaped:
			if t.kind != want {
				return c, p.errorf(t.pos, ErrSyntax, "expected %v to close the tag, found %v", want, t.kind)
			}
			if len(c.exprs) == 0 {
				return c, p.errorf(open.pos, ErrSyntax, "empty mustache")
			}
			c.close = t
			return c, nil
		case tID, tData:
			e, orig, err := p.parsePath(t)
			if err != nil {
				return c, err
			}
			if len(c.exprs) == 0 {
				c.original = orig
			}
			c.exprs = append(c.exprs, e)
		case tString, tNumber, tBool, tNull, tUndefined:
			e := expr{kind: exprLiteral, offset: t.pos}
			switch t.kind {
			case tString:
				e.value = t.text
			case tNumber:
				f, _ := strconv.ParseFloat(t.text, 64)
				e.value = f
			case tBool:
				e.value = t.text == "true"
			case tUndefined:
				e.undef = true
			}
			if len(c.exprs) == 0 {
				c.original = t.text
			}
			// A literal in the name position is a lookup of its text, as in
			// Handlebars.js.
			if len(c.exprs) == 0 {
				name := t.text
				if t.kind == tNumber {
					name = jsNumberString(e.value.(float64))
				}
				e = expr{kind: exprPath, offset: t.pos, parts: []string{name}}
			}
			c.exprs = append(c.exprs, e)
		default:
			return c, p.errorf(t.pos, ErrSyntax, "unexpected %v in mustache", t.kind)
		}
	}
}

// parsePath parses a path or, after '@', a data path, resolving leading
// ".", ".." and "this" as Handlebars does.
func (p *parser) parsePath(first token) (expr, string, *ParseError) {
	e := expr{kind: exprPath, offset: first.pos}
	if first.kind == tData {
		e.kind = exprData
		first = p.next()
		if first.kind != tID {
			return e, "", p.errorf(first.pos, ErrSyntax, "expected a name after @")
		}
	}
	// original is the path as Handlebars.js spells it: segments without
	// their [brackets], joined by their separators.
	var orig strings.Builder
	if e.kind == exprData {
		orig.WriteByte('@')
	}
	orig.WriteString(first.text)
	segs := []token{first}
	for p.peek().kind == tSep {
		sep := p.next()
		t := p.next()
		if t.kind != tID {
			return e, "", p.errorf(t.pos, ErrSyntax, "expected a name after separator")
		}
		orig.WriteString(sep.text)
		orig.WriteString(t.text)
		segs = append(segs, t)
	}
	original := orig.String()
	for _, s := range segs {
		if !s.literal && (s.text == ".." || s.text == "." || s.text == "this") {
			if len(e.parts) > 0 {
				return e, "", p.errorf(e.offset, ErrSyntax, "invalid path %q", original)
			}
			if s.text == ".." {
				e.depth++
			}
			continue
		}
		e.parts = append(e.parts, s.text)
	}
	return e, original, nil
}

// helperName reports whether a call's first expression could name a helper,
// as Handlebars.js's simpleId decides: one segment, no depth, not scoped. A
// [bracketed] name is a name like any other: {{[if]}} is {{if}}.
func (c call) helperName() (string, bool) {
	e := c.exprs[0]
	if e.kind != exprPath || e.depth != 0 || len(e.parts) != 1 || isScoped(c.original) {
		return "", false
	}
	return e.parts[0], true
}

// isScoped reports whether a path, spelled as Handlebars.js's original (see
// parsePath), is scoped, so never a helper: it starts with "." or holds
// "this" followed by a word boundary, JavaScript's /^\.|this\b/. So "this.a",
// "./a", "a-this" and "this-a" are scoped, "thisOrThat" and "this_a" are not.
func isScoped(original string) bool {
	if strings.HasPrefix(original, ".") {
		return true
	}
	for i := 0; ; {
		k := strings.Index(original[i:], "this")
		if k < 0 {
			return false
		}
		i += k + len("this")
		if !isWordByteAt(original, i) {
			return true
		}
	}
}

func (p *parser) isHelper(name string) bool {
	_, registered := p.cfg.helpers[name]
	return builtinArity[name] != 0 || reservedHelpers[name] || registered
}

func (p *parser) parseMustache() (*mustacheStmt, *ParseError) {
	open := p.next()
	want := tClose
	if open.kind == tOpenUnescaped {
		want = tCloseUnescaped
	}
	c, err := p.parseCall(open, want)
	if err != nil {
		return nil, err
	}
	name, simple := c.helperName()
	if h, ok := p.cfg.helpers[name]; simple && ok && h.value != nil {
		if n := len(c.exprs) - 1; h.Params >= 0 && n != h.Params {
			return nil, p.errorf(open.pos, ErrArity, "%s takes %d parameter(s), got %d", name, h.Params, n)
		}
		return &mustacheStmt{offset: open.pos, expr: c.exprs[0], helper: name, params: c.exprs[1:], strip: stripFlags{open.strip.open, c.close.strip.close}}, nil
	}
	switch {
	case simple && reservedHelpers[name]:
		return nil, p.errorf(open.pos, ErrUnsupported, "helper %q is not supported", name)
	case simple && p.isHelper(name):
		return nil, p.errorf(open.pos, ErrUnsupported, "helper %q can only be used as a block: {{#%s …}}…{{/%s}}", name, name, name)
	case len(c.exprs) > 1:
		return nil, p.errorf(open.pos, ErrUnknownHelper, "unknown helper %q: only the block helpers if, unless, each, with and registered ones are supported", c.original)
	}
	return &mustacheStmt{offset: open.pos, expr: c.exprs[0], strip: stripFlags{open.strip.open, c.close.strip.close}}, nil
}

// parseBlockOpen parses the call of a block or chained-else tag and checks
// its helper and parameter count.
func (p *parser) parseBlockOpen(open token) (*blockStmt, *ParseError) {
	c, err := p.parseCall(open, tClose)
	if err != nil {
		return nil, err
	}
	p.depth++
	if p.depth > p.cfg.limits.MaxDepth {
		return nil, p.errorf(open.pos, ErrTooDeep, "blocks nested deeper than %d", p.cfg.limits.MaxDepth)
	}
	name, simple := c.helperName()
	if !simple {
		return nil, p.errorf(open.pos, ErrUnsupported, "block %q: a block must name a helper", c.original)
	}
	arity, builtin := builtinArity[name]
	h, registered := p.cfg.helpers[name]
	switch {
	case reservedHelpers[name]:
		return nil, p.errorf(open.pos, ErrUnsupported, "helper %q is not supported", name)
	case registered && h.value != nil:
		return nil, p.errorf(open.pos, ErrUnsupported, "helper %q returns a value and cannot be used as a block: write {{%s …}}", name, name)
	case registered:
		arity = h.Params
	case !builtin:
		return nil, p.errorf(open.pos, ErrUnknownHelper, "unknown block helper %q (sections on values are not supported; use #if, #each or #with)", name)
	}
	if n := len(c.exprs) - 1; arity >= 0 && n != arity {
		return nil, p.errorf(open.pos, ErrArity, "#%s takes %d parameter(s), got %d", name, arity, n)
	}
	return &blockStmt{
		offset:    open.pos,
		helper:    name,
		params:    c.exprs[1:],
		openStrip: stripFlags{open.strip.open, c.close.strip.close},
	}, nil
}

// parseBlock parses {{#name …}} … {{/name}}, with its else part.
func (p *parser) parseBlock() (*blockStmt, *ParseError) {
	open := p.next()
	b, err := p.parseBlockOpen(open)
	if err != nil {
		return nil, err
	}
	if b.program, err = p.parseProgram(); err != nil {
		return nil, err
	}
	var chain *blockStmt
	switch t := p.peek(); t.kind {
	case tInverse:
		p.next()
		b.inverseStrip = t.strip
		if b.inverse, err = p.parseProgram(); err != nil {
			return nil, err
		}
	case tOpenInverseChain:
		var strip stripFlags
		if chain, strip, err = p.parseChain(); err != nil {
			return nil, err
		}
		b.inverseStrip = strip
		b.inverse = &program{body: []statement{chain}, chained: true}
	}
	t := p.next()
	if t.kind != tOpenEnd {
		if t.kind == tEOF {
			return nil, p.errorf(open.pos, ErrSyntax, "block {{#%s}} is never closed", b.helper)
		}
		return nil, p.errorf(t.pos, ErrSyntax, "unexpected %v in block {{#%s}}", t.kind, b.helper)
	}
	c, err := p.parseCall(t, tClose)
	if err != nil {
		return nil, err
	}
	if len(c.exprs) != 1 || c.original != b.helper {
		return nil, p.errorf(t.pos, ErrSyntax, "{{/%s}} does not close {{#%s}}", c.original, b.helper)
	}
	b.closeStrip = stripFlags{t.strip.open, c.close.strip.close}
	if chain != nil {
		chain.closeStrip = b.closeStrip
	}
	p.depth--
	return b, nil
}

// parseChain parses {{else name …}} and what follows it up to, not including,
// the closing tag of the outermost block. It reproduces how Handlebars.js
// assigns strip flags to chained blocks.
func (p *parser) parseChain() (*blockStmt, stripFlags, *ParseError) {
	open := p.next()
	b, err := p.parseBlockOpen(open)
	if err != nil {
		return nil, stripFlags{}, err
	}
	strip := b.openStrip
	if b.program, err = p.parseProgram(); err != nil {
		return nil, strip, err
	}
	switch t := p.peek(); t.kind {
	case tInverse:
		p.next()
		b.inverseStrip = t.strip
		b.closeStrip = t.strip
		if b.inverse, err = p.parseProgram(); err != nil {
			return nil, strip, err
		}
	case tOpenInverseChain:
		chain, cs, err := p.parseChain()
		if err != nil {
			return nil, strip, err
		}
		chain.closeStrip = cs
		b.inverseStrip = cs
		b.closeStrip = cs
		b.inverse = &program{body: []statement{chain}, chained: true}
	}
	p.depth--
	return b, strip, nil
}

// compact drops comments and emptied text and joins adjacent text, once
// whitespace control is done. Each run of adjacent text is joined once, so
// that compacting takes time linear in the template's size.
func compact(prog *program) {
	if prog == nil {
		return
	}
	out := prog.body[:0]
	var run []string // the values of the text statements ending out
	flush := func() {
		if len(run) > 1 {
			out[len(out)-1].(*contentStmt).value = strings.Join(run, "")
		}
		run = run[:0]
	}
	for _, s := range prog.body {
		switch s := s.(type) {
		case *commentStmt:
			continue
		case *contentStmt:
			if s.value == "" {
				continue
			}
			run = append(run, s.value)
			if len(run) > 1 {
				continue
			}
		case *blockStmt:
			flush()
			compact(s.program)
			compact(s.inverse)
		default:
			flush()
		}
		out = append(out, s)
	}
	flush()
	prog.body = out
}

// usesDepths reports whether a program or any block in it has a ../ path,
// the only construct that reads the context stack. (@../name reads the data
// frames, not the context stack.)
func usesDepths(prog *program) bool {
	if prog == nil {
		return false
	}
	for _, st := range prog.body {
		switch st := st.(type) {
		case *mustacheStmt:
			if st.expr.kind == exprPath && st.expr.depth > 0 || anyDepth(st.params) {
				return true
			}
		case *blockStmt:
			if anyDepth(st.params) || usesDepths(st.program) || usesDepths(st.inverse) {
				return true
			}
		}
	}
	return false
}

// anyDepth reports whether any of exprs is a ../ path.
func anyDepth(exprs []expr) bool {
	for _, e := range exprs {
		if e.kind == exprPath && e.depth > 0 {
			return true
		}
	}
	return false
}
