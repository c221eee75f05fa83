package handlebars

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/segsync/segsync/jsonvalue"
)

// A Template is a parsed template. It is immutable: a Template is safe for
// concurrent use by multiple goroutines.
type Template struct {
	src     string
	root    *program
	helpers map[string]Helper
	limits  Limits
	// useDepths is whether the template has a ../ path, the only reader of
	// the context stack; without one the stack is not kept.
	useDepths bool
}

// Limits returns the limits the template was parsed with, defaults filled in.
func (t *Template) Limits() Limits { return t.limits }

// Render renders the template with data as the root context and returns the
// output, or a [*RenderError].
//
// Data values are those of package jsonvalue — nil, bool, string,
// [jsonvalue.Number], []any and *[jsonvalue.Object] — plus map[string]any and
// Go integer and floating-point numbers. They are written as JavaScript's
// String would, then escaped for a JSON string ([EscapeJSONString]): null and
// missing values as nothing, a Number as its literal text, a Go float in
// JavaScript's shortest form, an array as its elements joined by ",", an
// object as "[object Object]". #each visits object members in JavaScript's
// order (array-index names ascending, then the others as stored) and
// map[string]any members in sorted order. A value of any other Go type makes
// the render fail with ErrDataType when the template uses it.
//
// Strings are measured ({{s.length}}) and indexed ({{s.[0]}}) in UTF-16 code
// units, as in JavaScript, except that either half of a surrogate pair (a
// character above U+FFFF) reads as U+FFFD, where Handlebars.js gives a lone
// surrogate that a Go string cannot hold. Arrays and objects compare by
// identity (as in the framework's equal helper); a []any is identified by its
// backing array, length and capacity, so Go cannot tell two distinct empty
// arrays of zero capacity apart and they count as the same array.
//
// Render never panics (unless a registered helper does) and starts no
// goroutines; it stops with an error when the output or the work exceeds the
// template's [Limits]. Every error it returns is a *RenderError, also when a
// helper fails (see [Helper]).
func (t *Template) Render(data any) (string, error) {
	r := &renderer{t: t}
	if err := r.render(data); err != nil {
		return "", err
	}
	return r.out.String(), nil
}

// render renders the whole template over data into r.out.
func (r *renderer) render(data any) error {
	data = normalize(data)
	return r.renderProgram(r.t.root, data, scope{depths: &depth{v: data}, frame: &frame{root: data}})
}

// Execute renders the template like Render and writes the output to w. On a
// render error nothing is written.
func (t *Template) Execute(w io.Writer, data any) error {
	s, err := t.Render(data)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

// depth is a linked list of Handlebars' context stack ("depths"), used by
// ../ paths; v is depths[0].
type depth struct {
	v      any
	parent *depth
}

// frame is a Handlebars data frame: @root, and @index, @key, @first, @last
// inside #each.
type frame struct {
	root        any
	iter        bool
	index       int
	key         any
	first, last bool
	parent      *frame
}

// scope is where a program renders: its context stack and data frame.
type scope struct {
	depths *depth
	frame  *frame
}

type renderer struct {
	t     *Template
	out   strings.Builder
	steps int
	// spans, when not nil, records where each text and interpolation's output
	// starts (Template.Locate).
	spans *[]span
	// lastLen remembers the UTF-16 length of the last string measured.
	lastLen struct {
		key lenKey
		n   int
	}
}

// lenKey identifies a string by its bytes' address and length: strings are
// immutable, so equal keys mean equal contents.
type lenKey struct {
	p *byte
	n int
}

// renderError wraps err in a *RenderError at offset, unless it is one itself:
// a *RenderError that a render returns always comes from that render (see
// renderBlock), so one already made for a deeper node is kept.
func (r *renderer) renderError(off int, err error) *RenderError {
	if re, ok := err.(*RenderError); ok {
		return re
	}
	msg := strings.TrimPrefix(err.Error(), "handlebars: ") // the sentinels' prefix; Error adds its own
	line, col := position(r.t.src, off)
	return &RenderError{Offset: off, Line: line, Column: col, Msg: msg, Err: err, src: r.t.src}
}

// step charges the step of one node or iteration.
func (r *renderer) step() error { return r.charge(1) }

// charge adds k steps to the render's work and fails once it passes
// Limits.MaxSteps.
func (r *renderer) charge(k int) error {
	r.steps += k
	if r.steps > r.t.limits.MaxSteps {
		return fmt.Errorf("%w: more than %d steps", ErrStepBudget, r.t.limits.MaxSteps)
	}
	return nil
}

// bytesPerStep is how many bytes of a string one step pays for, where an
// operation's time grows with the length of a string it scans, compares or
// copies (a string's length or character by index, loose equality, the string
// form of an array). So a render's total work stays within a constant times
// Limits.MaxSteps whatever the data holds.
const bytesPerStep = 64

// chargeBytes charges the steps for scanning n bytes. Scans shorter than
// bytesPerStep are covered by the step of the operation that does them.
func (r *renderer) chargeBytes(n int) error {
	if n < bytesPerStep {
		return nil
	}
	return r.charge(n / bytesPerStep)
}

func (r *renderer) checkOutput() error {
	if r.out.Len() > r.t.limits.MaxOutputSize {
		return fmt.Errorf("%w: more than %d bytes", ErrOutputTooLarge, r.t.limits.MaxOutputSize)
	}
	return nil
}

// renderIn renders prog with context as "this". When the template has a ../
// path, it pushes context on the context stack if it differs (by JavaScript's
// ==) from the enclosing one, as Handlebars.js's wrapProgram does; like
// Handlebars.js, which keeps the stack only for templates that use ../
// ("useDepths"), it neither keeps nor compares otherwise. The comparison's
// work, such as converting an array to a string, is charged to the step
// budget.
func (r *renderer) renderIn(prog *program, context any, s scope) error {
	if prog == nil {
		return nil
	}
	if r.t.useDepths {
		same, err := r.looseEqual(context, s.depths.v)
		if err != nil {
			return err
		}
		if !same && !(context == any(nullContext) && s.depths.v == nil) {
			s.depths = &depth{v: context, parent: s.depths}
		}
	}
	return r.renderProgram(prog, context, s)
}

func (r *renderer) renderProgram(prog *program, this any, s scope) error {
	for _, st := range prog.body {
		if err := r.step(); err != nil {
			return r.renderError(st.stmtOffset(), err)
		}
		if r.spans != nil {
			r.trace(st)
		}
		switch st := st.(type) {
		case *contentStmt:
			r.out.WriteString(st.value)
		case *mustacheStmt:
			v, err := r.mustache(st, this, s)
			if err != nil {
				return r.renderError(st.offset, err)
			}
			if err := r.writeValue(v); err != nil {
				return r.renderError(st.offset, err)
			}
		case *blockStmt:
			if err := r.renderBlock(st, this, s); err != nil {
				return r.renderError(st.offset, err)
			}
		}
		if err := r.checkOutput(); err != nil {
			return r.renderError(st.stmtOffset(), err)
		}
	}
	return nil
}

// writeValue writes v's string form, escaped for a JSON string.
func (r *renderer) writeValue(v any) error {
	if s, ok := v.(string); ok {
		appendEscaped(&r.out, s)
		return nil
	}
	var b strings.Builder
	if err := r.appendString(&b, v, 0); err != nil {
		return err
	}
	appendEscaped(&r.out, b.String())
	return nil
}

// mustache evaluates an interpolation, or calls its value helper.
func (r *renderer) mustache(st *mustacheStmt, this any, s scope) (any, error) {
	if st.helper == "" {
		return r.eval(st.expr, this, s)
	}
	params, defined, err := r.params(st.params, this, s)
	if err != nil {
		return nil, err
	}
	h := r.t.helpers[st.helper]
	v, err := h.value(r, params, defined)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrHelper, st.helper, err)
	}
	return v, nil
}

// params evaluates a helper's parameters, and says which are defined.
func (r *renderer) params(exprs []expr, this any, s scope) ([]any, []bool, error) {
	params := make([]any, len(exprs))
	defined := make([]bool, len(exprs))
	for i, p := range exprs {
		v, def, err := r.evalDefined(p, this, s)
		if err != nil {
			return nil, nil, err
		}
		params[i], defined[i] = v, def
	}
	return params, defined, nil
}

// eval evaluates a path, data path or literal.
func (r *renderer) eval(e expr, this any, s scope) (any, error) {
	v, _, err := r.evalDefined(e, this, s)
	return v, err
}

// evalDefined is eval, also telling JavaScript's undefined (a missing member,
// index or data variable, the literal undefined) from null, which the
// framework's helpers compare and convert differently. As in Handlebars.js,
// a path stops at the first null or undefined value and yields that value.
func (r *renderer) evalDefined(e expr, this any, s scope) (any, bool, error) {
	var v any
	parts := e.parts
	switch e.kind {
	case exprLiteral:
		return e.value, !e.undef, nil
	case exprPath:
		if e.depth == 0 {
			v = this
		} else {
			d := s.depths
			for i := 0; i < e.depth && d != nil; i++ {
				d = d.parent
			}
			if d == nil {
				return nil, false, nil
			}
			v = d.v
		}
	case exprData:
		f := s.frame
		for i := 0; i < e.depth && f != nil; i++ {
			f = f.parent
		}
		if f == nil || len(parts) == 0 {
			return nil, false, nil
		}
		var ok bool
		if v, ok = f.data(parts[0]); !ok {
			return nil, false, nil
		}
		parts = parts[1:]
	}
	for _, p := range parts {
		if v == nil {
			return nil, true, nil
		}
		var (
			ok  bool
			err error
		)
		if v, ok, err = r.lookupProperty(v, p); err != nil || !ok {
			return nil, false, err
		}
	}
	return v, true, nil
}

// data returns the data variable @name of the frame, and whether it is
// defined.
func (f *frame) data(name string) (any, bool) {
	switch name {
	case "root":
		return f.root, true
	}
	if !f.iter {
		return nil, false
	}
	switch name {
	case "index":
		return f.index, true
	case "key":
		return f.key, true
	case "first":
		return f.first, true
	case "last":
		return f.last, true
	}
	return nil, false
}

func (r *renderer) renderBlock(b *blockStmt, this any, s scope) error {
	params, defined, err := r.params(b.params, this, s)
	if err != nil {
		return err
	}
	// A helper's "this" is never null in Handlebars.js.
	if this == nil {
		this = nullContext
	}
	switch b.helper {
	case "if", "unless":
		f, err := falsy(params[0])
		if err != nil {
			return err
		}
		if f == (b.helper == "if") {
			return r.renderIn(b.inverse, this, s)
		}
		return r.renderIn(b.program, this, s)
	case "with":
		empty, err := isEmpty(params[0])
		if err != nil {
			return err
		}
		if empty {
			return r.renderIn(b.inverse, this, s)
		}
		return r.renderIn(b.program, params[0], s)
	case "each":
		return r.each(b, this, params[0], s)
	}
	h, ok := r.t.helpers[b.helper]
	if !ok || h.Fn == nil {
		return fmt.Errorf("%w: %q", ErrUnknownHelper, b.helper)
	}
	if h.Params >= 0 && len(params) != h.Params {
		return fmt.Errorf("%w: #%s takes %d parameter(s), got %d", ErrArity, b.helper, h.Params, len(params))
	}
	blk := &Block{r: r, stmt: b, this: this, scope: s, params: params, defined: defined}
	unboxed := make([]any, len(params))
	for i, p := range params {
		unboxed[i] = unbox(p)
	}
	err = h.Fn(blk, unboxed)
	blk.done = true
	if err == nil {
		return nil
	}
	// Only the very errors that b.Fn and b.Inverse returned pass through:
	// they are *RenderErrors of this render, at the node that failed. Any
	// other error, even one wrapping those or a *RenderError of another
	// render, is the helper's, reported at its tag.
	if re, ok := err.(*RenderError); ok && slices.Contains(blk.errs, re) {
		return re
	}
	return fmt.Errorf("%w: #%s: %w", ErrHelper, b.helper, err)
}

// each renders the block once per element of an array or member of an
// object, or the else part when there is none.
func (r *renderer) each(b *blockStmt, this, v any, s scope) error {
	f := &frame{root: s.frame.root, iter: true, parent: s.frame}
	inner := scope{depths: s.depths, frame: f}
	n := 0
	visit := func(key any, item any, last bool) error {
		if err := r.step(); err != nil {
			return err
		}
		f.key, f.index, f.first, f.last = key, n, n == 0, last
		n++
		return r.renderIn(b.program, item, inner)
	}
	switch x := normalize(v).(type) {
	case *boxed:
		// A String object is iterable, by code point; a Number or Boolean
		// object has no members.
		if str, ok := x.v.(string); ok {
			if err := r.chargeBytes(len(str)); err != nil {
				return err
			}
			i, n := 0, utf8.RuneCountInString(str)
			for _, c := range str {
				if err := visit(i, string(c), i == n-1); err != nil {
					return err
				}
				i++
			}
		}
	case []any:
		for i, item := range x {
			if err := visit(i, item, i == len(x)-1); err != nil {
				return err
			}
		}
	case *jsonvalue.Object:
		keys := objectKeys(x.Names())
		for i, k := range keys {
			item, _ := x.Get(k)
			if err := visit(k, item, i == len(keys)-1); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := mapKeys(x)
		for i, k := range keys {
			if err := visit(k, x[k], i == len(keys)-1); err != nil {
				return err
			}
		}
	default:
		if err := checkType(v); err != nil {
			return err
		}
	}
	if n == 0 {
		return r.renderIn(b.inverse, this, s)
	}
	return nil
}
