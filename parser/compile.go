package parser

import (
	"fmt"
	"regexp"

	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/internal/manifestpath"
	"github.com/segsync/segsync/internal/suggest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// Compile checks a manifest's syncedSegment capability against every compile-time
// rule and prepares a Program. When any rule is broken it returns a nil Program and
// an error of type spec.Problems listing every problem (the manifest's own
// structural problems included), sorted by manifest pointer. Problems that do not
// stop compilation are available from Program.Warnings. A nil manifest is one
// CodeRequired problem at the root.
func Compile(m *spec.Manifest, opts ...Option) (*Program, error) {
	if m == nil {
		return nil, spec.Problems{{Code: spec.CodeRequired, Severity: spec.SeverityError, Message: "no manifest: load one with spec.ParseManifest"}}
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	c := &compiler{problems: append(spec.Problems{}, m.Problems...)}
	p := &Program{integrationKey: cfg.integrationKey, limits: cfg.limits.withDefaults()}
	c.compile(m, p)
	if c.problems.Err() == nil {
		if err := p.compileQuery(); err != nil {
			at := manifestpath.RequestParser()
			if p.query != nil { // the paths the template reads are what failed
				at = manifestpath.Capability().Append("jsonResponseBody")
			}
			c.add(spec.SeverityError, at, spec.CodeTooComplex, "the pointers cannot be compiled into one scan: %v", err)
		} else {
			c.lint(p, c.templateSrc)
		}
	}
	c.problems.Sort()
	if err := c.problems.Err(); err != nil {
		return nil, c.problems
	}
	p.warnings = c.problems.Warnings()
	return p, nil
}

// MaxPointerTokens is the most reference tokens a pointer of a requestParser may
// have. Real manifests use a handful; the limit keeps the compiled scan small.
const MaxPointerTokens = 256

type compiler struct {
	problems    spec.Problems
	templateSrc string // the jsonResponseBody, for excerpts
}

func (c *compiler) add(sev spec.Severity, at jsonpath.Pointer, code spec.Code, format string, args ...any) *spec.Problem {
	pr := &spec.Problem{Pointer: at.String(), Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)}
	c.problems = append(c.problems, pr)
	return pr
}

// reported says whether a problem was already reported at pointer at, so that a
// field of the wrong type is not also reported as missing.
func (c *compiler) reported(at jsonpath.Pointer) bool {
	for _, p := range c.problems {
		if p.Pointer == at.String() {
			return true
		}
	}
	return false
}

// required reports a required field that is absent.
func (c *compiler) required(at jsonpath.Pointer, what string) {
	if !c.reported(at) && !c.misspelt(at) {
		c.add(spec.SeverityError, at, spec.CodeRequired, "%s is required", what)
	}
}

// misspelt reports whether an unknown property beside the required field at is
// its misspelling ("cohortIDPath" for "cohortIdPath"), which the unknown-property
// problem already names with the right spelling.
func (c *compiler) misspelt(at jsonpath.Pointer) bool {
	toks := at.Tokens()
	name := toks[len(toks)-1]
	parent := jsonpath.New(toks[:len(toks)-1]...)
	for _, p := range c.problems {
		ptoks := jsonpath.Pointer(p.Pointer).Tokens()
		if p.Code == spec.CodeUnknownProperty && len(ptoks) == len(toks) &&
			jsonpath.New(ptoks[:len(ptoks)-1]...) == parent && suggest.Closest(ptoks[len(ptoks)-1], []string{name}) != "" {
			return true
		}
	}
	return false
}

// bracketToken matches a token that writes an array index JavaScript's way,
// "batch[0]" or "[0]".
var bracketToken = regexp.MustCompile(`^([^\[\]]*)\[(0|[1-9][0-9]*)\]$`)

// path compiles the pointer text of field name (located at at); field is the name
// errors use. An absent field gives a path that is not set.
func (c *compiler) path(text *string, at jsonpath.Pointer, field string) path {
	if text == nil {
		return path{field: field}
	}
	ptr, err := jsonpath.Parse(*text)
	if err != nil {
		se := err.(*jsonpath.SyntaxError)
		msg := fmt.Sprintf("%q is not a JSON pointer: %s", *text, se.Msg)
		if s, ok := suggest.Pointer(*text); ok {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		pr := c.add(spec.SeverityError, at, spec.CodeInvalidPointer, "%s", msg)
		pr.Excerpt = caret.Excerpt(*text, se.Offset, "    ")
		pr.Err = err
		return path{field: field}
	}
	if n := len(ptr.Tokens()); n > MaxPointerTokens {
		c.add(spec.SeverityError, at, spec.CodeTooComplex, "the pointer has %d tokens; at most %d are supported", n, MaxPointerTokens)
		return path{field: field}
	}
	if bad, fixed := bracketTokens(ptr); bad != "" {
		c.add(spec.SeverityWarning, at, spec.CodeBracketToken, "the token %q looks like an array index in brackets; JSON pointers write the path as %q", bad, fixed)
	}
	return path{ptr: ptr, field: field, set: true}
}

// bracketTokens returns the first token of ptr that looks like an array index in
// brackets, and the pointer with every such token written the JSON pointer way
// ("/batch[0]/id" as "/batch/0/id"); or "" when there is none.
func bracketTokens(ptr jsonpath.Pointer) (string, string) {
	var bad string
	var toks []string
	for _, tok := range ptr.Tokens() {
		m := bracketToken.FindStringSubmatch(tok)
		if m == nil {
			toks = append(toks, tok)
			continue
		}
		if bad == "" {
			bad = tok
		}
		if m[1] != "" {
			toks = append(toks, m[1])
		}
		toks = append(toks, m[2])
	}
	if bad == "" {
		return "", ""
	}
	return bad, jsonpath.New(toks...).String()
}

func (c *compiler) compile(m *spec.Manifest, p *Program) {
	capAt := manifestpath.Capability()
	rpAt := manifestpath.RequestParser()
	ss := m.Capabilities.SyncedSegment
	if ss == nil {
		c.required(capAt, "the syncedSegment capability")
		return
	}
	if ss.JSONResponseBody != nil {
		c.templateSrc = *ss.JSONResponseBody
		t, off, msg, cause := compileTemplate(*ss.JSONResponseBody)
		if msg != "" {
			pr := c.add(spec.SeverityError, capAt.Append("jsonResponseBody"), spec.CodeInvalidTemplate, "%s", msg)
			pr.Excerpt = caret.Excerpt(*ss.JSONResponseBody, off, "    ")
			pr.Err = cause
		}
		p.template = t
	}
	rp := ss.RequestParser
	if rp == nil {
		c.required(rpAt, "requestParser")
		return
	}
	at := func(name string) jsonpath.Pointer { return rpAt.Append(name) }

	p.top[topEnvironmentID] = c.path(rp.EnvironmentIDPath, at("environmentIdPath"), "environmentIdPath")
	p.top[topContextKind] = c.path(rp.ContextKindPath, at("contextKindPath"), "contextKindPath")
	p.top[topCohortID] = c.path(rp.CohortIDPath, at("cohortIdPath"), "cohortIdPath")
	p.top[topCohortName] = c.path(rp.CohortNamePath, at("cohortNamePath"), "cohortNamePath")
	p.top[topCohortURL] = c.path(rp.CohortURLPath, at("cohortUrlPath"), "cohortUrlPath")
	for _, f := range []struct {
		text *string
		name string
	}{{rp.EnvironmentIDPath, "environmentIdPath"}, {rp.CohortIDPath, "cohortIdPath"}, {rp.CohortNamePath, "cohortNamePath"}} {
		if f.text == nil {
			c.required(at(f.name), f.name)
		}
	}
	memberArray := c.path(rp.MemberArrayPath, at("memberArrayPath"), "memberArrayPath")
	addArray := c.path(rp.AddMemberArrayPath, at("addMemberArrayPath"), "addMemberArrayPath")
	removeArray := c.path(rp.RemoveMemberArrayPath, at("removeMemberArrayPath"), "removeMemberArrayPath")

	var boolText *string
	if mp := rp.MemberArrayParser; mp == nil {
		c.required(at("memberArrayParser"), "memberArrayParser")
	} else {
		mat := at("memberArrayParser")
		if mp.MemberIDPath == nil {
			c.required(mat.Append("memberIdPath"), "memberArrayParser.memberIdPath")
		}
		p.member[memberID] = c.path(mp.MemberIDPath, mat.Append("memberIdPath"), "memberArrayParser.memberIdPath")
		p.member[memberBoolean] = c.path(mp.BooleanMembershipPath, mat.Append("booleanMembershipPath"), "memberArrayParser.booleanMembershipPath")
		p.member[memberCohortID] = c.path(mp.CohortIDPath, mat.Append("cohortIdPath"), "memberArrayParser.cohortIdPath")
		p.member[memberCohortName] = c.path(mp.CohortNamePath, mat.Append("cohortNamePath"), "memberArrayParser.cohortNamePath")
		boolText = mp.BooleanMembershipPath
	}

	aiAt := at("arrayInclusion")
	if ai := rp.ArrayInclusion; ai != nil {
		if ai.Path == nil {
			c.required(aiAt.Append("path"), "arrayInclusion.path")
		}
		if ai.Matcher == nil {
			c.required(aiAt.Append("matcher"), "arrayInclusion.matcher")
		}
		p.top[topAction] = c.path(ai.Path, aiAt.Append("path"), "arrayInclusion.path")
		if ai.Matcher != nil {
			re, off, msg, cause := compileMatcher(*ai.Matcher)
			if msg != "" {
				pr := c.add(spec.SeverityError, aiAt.Append("matcher"), spec.CodeInvalidMatcher, "%s", msg)
				pr.Excerpt = caret.Excerpt(*ai.Matcher, off, "    ")
				pr.Err = cause
			}
			p.matcher = re
		}
	}
	c.mode(rp, boolText, p, memberArray, addArray, removeArray)
}

// mode applies the rules that tie the member fields together and sets the
// program's mode and member arrays.
func (c *compiler) mode(rp *spec.RequestParser, boolText *string, p *Program, memberArray, addArray, removeArray path) {
	rpAt := manifestpath.RequestParser()
	at := func(name string) jsonpath.Pointer { return rpAt.Append(name) }
	hasMA := rp.MemberArrayPath != nil
	hasAdd, hasRemove := rp.AddMemberArrayPath != nil, rp.RemoveMemberArrayPath != nil
	hasAI := rp.ArrayInclusion != nil
	hasBool := boolText != nil
	boolAt := at("memberArrayParser").Append("booleanMembershipPath")
	ok := true

	if hasAdd != hasRemove {
		ok = false
		if hasAdd {
			c.add(spec.SeverityError, at("addMemberArrayPath"), spec.CodeUnpaired, "addMemberArrayPath needs removeMemberArrayPath: the two come together or not at all")
		} else {
			c.add(spec.SeverityError, at("removeMemberArrayPath"), spec.CodeUnpaired, "removeMemberArrayPath needs addMemberArrayPath: the two come together or not at all")
		}
	}
	if hasMA && (hasAdd || hasRemove) {
		ok = false
		c.add(spec.SeverityError, at("memberArrayPath"), spec.CodeConflict, "memberArrayPath cannot be combined with addMemberArrayPath/removeMemberArrayPath: use one member array or a pair of add and remove arrays")
	}
	if hasAI && (hasAdd || hasRemove) {
		ok = false
		c.add(spec.SeverityError, at("arrayInclusion"), spec.CodeConflict, "arrayInclusion cannot be combined with addMemberArrayPath/removeMemberArrayPath: named add and remove arrays already say which members are added")
	}
	if hasAI && !hasMA {
		ok = false
		c.add(spec.SeverityError, at("arrayInclusion"), spec.CodeRequired, "arrayInclusion needs memberArrayPath, the array whose members the action applies to")
	}
	if hasBool && !hasMA {
		ok = false
		c.add(spec.SeverityError, boolAt, spec.CodeRequired, "booleanMembershipPath needs memberArrayPath, the array whose members carry the boolean")
	}
	if hasMA && !hasAI && !hasBool {
		ok = false
		c.add(spec.SeverityError, at("memberArrayPath"), spec.CodeNoMode, "memberArrayPath needs either memberArrayParser.booleanMembershipPath (a boolean per member) or arrayInclusion (one action for the batch)")
	}
	if !hasMA && !hasAdd && !hasRemove {
		ok = false
		c.add(spec.SeverityError, rpAt, spec.CodeNoMode, "the requestParser names no member array: give memberArrayPath, or addMemberArrayPath and removeMemberArrayPath")
	}
	if hasMA && hasAI && hasBool {
		c.add(spec.SeverityWarning, boolAt, spec.CodeIgnoredField, "booleanMembershipPath is ignored: with arrayInclusion, the action value decides for the whole batch")
	}
	if !ok {
		return
	}
	switch {
	case hasAI:
		p.mode = ModeAction
		p.arrays = []path{memberArray}
		p.member[memberBoolean] = path{field: p.member[memberBoolean].field}
	case hasBool:
		p.mode = ModeBoolean
		p.arrays = []path{memberArray}
	default:
		p.mode = ModeNamedArrays
		p.arrays = []path{addArray, removeArray}
	}
}
