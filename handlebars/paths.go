package handlebars

import "slices"

// ContextPaths lists the paths of the root context whose values a render of the
// template may read, each as the property names looked up from the root context
// ({{a.b}} is ["a" "b"]; {{#each a}}…{{/each}} is ["a"], whose whole value the
// loop reads). A render reads the root context only through these paths: it looks
// up each path's names one after the other, reaching the values at its prefixes
// (an array's length, a string's characters or length, an object's member) and,
// at its end, the whole value.
//
// So a partial context that gives the same result for those lookups renders the
// same output. complete is false when the template reads the context in a way that
// cannot be listed statically (a ../ path, a data variable such as @root, #each over
// the root context itself, a helper other than the built-ins and those registered
// with Helper.SameContext): then the whole context may be read. The paths are
// sorted, without duplicates and without paths that another path is a prefix of.
func (t *Template) ContextPaths() (paths [][]string, complete bool) {
	a := &pathAnalysis{complete: true}
	a.program(t.root, ctxRoot(), t)
	if !a.complete {
		return nil, false
	}
	slices.SortFunc(a.paths, slices.Compare[[]string])
	var out [][]string
	for _, p := range a.paths {
		if n := len(out); n > 0 && hasPrefix(p, out[n-1]) {
			continue
		}
		out = append(out, p)
	}
	return out, true
}

func hasPrefix(p, prefix []string) bool {
	return len(p) >= len(prefix) && slices.Equal(p[:len(prefix)], prefix)
}

// sym is what the analysis knows about a context: the root context itself, a value
// at a path of the root context, or a value that does not come from the root
// context (a literal, a data variable) or is covered by a path already listed.
type sym struct {
	kind symKind
	path []string // for symPath
}

type symKind uint8

const (
	symRoot symKind = iota
	symPath
	symOther
)

func ctxRoot() sym { return sym{kind: symRoot} }

type pathAnalysis struct {
	paths    [][]string
	complete bool
}

// eval returns what expression e denotes in context this.
func (a *pathAnalysis) eval(e expr, this sym) sym {
	switch e.kind {
	case exprLiteral:
		return sym{kind: symOther}
	case exprData:
		if len(e.parts) > 0 && e.parts[0] != "root" {
			return sym{kind: symOther} // @index, @key, @first, @last
		}
		a.complete = false
		return sym{kind: symOther}
	}
	if e.depth > 0 {
		a.complete = false
		return sym{kind: symOther}
	}
	switch this.kind {
	case symRoot:
		if len(e.parts) == 0 {
			return this
		}
		return sym{kind: symPath, path: slices.Clone(e.parts)}
	case symPath:
		return sym{kind: symPath, path: append(slices.Clone(this.path), e.parts...)}
	}
	return this
}

// read records that the whole value s is read.
func (a *pathAnalysis) read(s sym) {
	if s.kind == symPath {
		a.paths = append(a.paths, s.path)
	}
}

func (a *pathAnalysis) program(p *program, this sym, t *Template) {
	if p == nil || !a.complete {
		return
	}
	for _, st := range p.body {
		switch st := st.(type) {
		case *mustacheStmt:
			if st.helper == "" {
				a.read(a.eval(st.expr, this))
			}
			for _, p := range st.params {
				a.read(a.eval(p, this))
			}
		case *blockStmt:
			a.block(st, this, t)
		}
	}
}

func (a *pathAnalysis) block(b *blockStmt, this sym, t *Template) {
	params := make([]sym, len(b.params))
	for i, p := range b.params {
		params[i] = a.eval(p, this)
		a.read(params[i])
	}
	switch b.helper {
	case "if", "unless":
		a.program(b.program, this, t)
	case "with":
		a.program(b.program, params[0], t)
	case "each":
		switch params[0].kind {
		case symRoot:
			a.complete = false
		case symPath:
			// The whole array or object is read: its elements are covered.
			a.program(b.program, sym{kind: symOther}, t)
		default:
			a.program(b.program, sym{kind: symOther}, t)
		}
	default:
		if h, ok := t.helpers[b.helper]; !ok || !h.SameContext {
			a.complete = false
			return
		}
		a.program(b.program, this, t)
	}
	a.program(b.inverse, this, t)
}
