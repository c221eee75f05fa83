package handlebars

// The parse tree. Parsing builds a tree of statements close to Handlebars.js's
// own AST, so that whitespace control can follow Handlebars' algorithm exactly;
// compile then turns it into the smaller render tree of render.go.

// stripFlags records the ~ marks of a tag: open is "{{~", close is "~}}".
type stripFlags struct{ open, close bool }

// program is a sequence of statements: a template body, a block's body or its
// inverse (else part). A chained program holds one block made from an
// {{else name …}} tag.
type program struct {
	body    []statement
	chained bool
}

// statement is one of *contentStmt, *mustacheStmt, *commentStmt, *blockStmt.
type statement interface{ stmtOffset() int }

// contentStmt is literal template text. original is the text as written;
// value is what remains after whitespace control.
type contentStmt struct {
	offset                      int
	original, value             string
	leftStripped, rightStripped bool
}

// mustacheStmt is an interpolation {{expr}}, {{{expr}}} or {{&expr}}, or a
// call of a value helper, {{helper params}}.
type mustacheStmt struct {
	offset int
	expr   expr
	helper string // the value helper called, with params; "" for an interpolation
	params []expr
	strip  stripFlags
}

// commentStmt is {{! … }} or {{!-- … --}}.
type commentStmt struct {
	offset int
	strip  stripFlags
}

// blockStmt is {{#helper params}}program{{else}}inverse{{/helper}}.
type blockStmt struct {
	offset                              int
	helper                              string
	params                              []expr
	program                             *program
	inverse                             *program // nil when there is no else part
	openStrip, inverseStrip, closeStrip stripFlags
}

func (s *contentStmt) stmtOffset() int  { return s.offset }
func (s *mustacheStmt) stmtOffset() int { return s.offset }
func (s *commentStmt) stmtOffset() int  { return s.offset }
func (s *blockStmt) stmtOffset() int    { return s.offset }

// exprKind tells a path from a data variable or a literal.
type exprKind uint8

const (
	exprPath    exprKind = iota // a.b, ../a, this
	exprData                    // @index, @root.a, @../key
	exprLiteral                 // "s", 1, true, null, undefined
)

// expr is a path, a data variable or a literal parameter.
type expr struct {
	kind   exprKind
	offset int
	depth  int      // number of leading ../
	parts  []string // path segments after the leading ., .., this
	value  any      // the literal's value, for exprLiteral
	undef  bool     // the literal is undefined (value nil), not null
}
