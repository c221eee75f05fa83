package parser

import (
	"github.com/segsync/segsync/internal/caret"
	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/internal/manifestpath"
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
	c := &compiler{Problems: field.Problems{List: m.Scoped(manifestpath.Capability())}}
	p := &Program{integrationKey: cfg.integrationKey, limits: cfg.limits.withDefaults()}
	c.compile(m, p)
	if c.List.Err() == nil {
		if err := p.compileQuery(); err != nil {
			at := manifestpath.RequestParser()
			if p.query != nil { // the paths the template reads are what failed
				at = manifestpath.Capability().Append("jsonResponseBody")
			}
			c.Add(spec.SeverityError, at, spec.CodeTooComplex, "the pointers cannot be compiled into one scan: %v", err)
		} else {
			c.lint(p, c.templateSrc)
		}
	}
	c.List.Sort()
	if err := c.List.Err(); err != nil {
		return nil, c.List
	}
	p.warnings = c.List.Warnings()
	return p, nil
}

// MaxPointerTokens is the most reference tokens a pointer of a requestParser may
// have. Real manifests use a handful; the limit keeps the compiled scan small.
const MaxPointerTokens = field.MaxPointerTokens

// compiler collects the problems of one compilation; the pointers, the matcher
// and the template are compiled by package field, as every capability's are.
type compiler struct {
	field.Problems
	templateSrc string // the jsonResponseBody, for excerpts
}

// path compiles the pointer text of a field (located at at); name is the name
// errors use. An absent field gives a path that is not set.
func (c *compiler) path(text *string, at jsonpath.Pointer, name string) path {
	if text == nil {
		return path{field: name}
	}
	ptr, ok := c.Pointer(*text, at)
	if !ok {
		return path{field: name}
	}
	return path{ptr: ptr, field: name, set: true}
}

func (c *compiler) compile(m *spec.Manifest, p *Program) {
	capAt := manifestpath.Capability()
	rpAt := manifestpath.RequestParser()
	ss := m.Capabilities.SyncedSegment
	if ss == nil {
		c.Required(capAt, "the syncedSegment capability")
		return
	}
	if ss.JSONResponseBody != nil {
		c.templateSrc = *ss.JSONResponseBody
		t, off, msg, cause := compileTemplate(*ss.JSONResponseBody)
		if msg != "" {
			pr := c.Add(spec.SeverityError, capAt.Append("jsonResponseBody"), spec.CodeInvalidTemplate, "%s", msg)
			pr.Excerpt = caret.Excerpt(*ss.JSONResponseBody, off, "    ")
			pr.Err = cause
		}
		p.template = t
	}
	rp := ss.RequestParser
	if rp == nil {
		c.Required(rpAt, "requestParser")
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
			c.Required(at(f.name), f.name)
		}
	}
	memberArray := c.path(rp.MemberArrayPath, at("memberArrayPath"), "memberArrayPath")
	addArray := c.path(rp.AddMemberArrayPath, at("addMemberArrayPath"), "addMemberArrayPath")
	removeArray := c.path(rp.RemoveMemberArrayPath, at("removeMemberArrayPath"), "removeMemberArrayPath")

	var boolText *string
	if mp := rp.MemberArrayParser; mp == nil {
		c.Required(at("memberArrayParser"), "memberArrayParser")
	} else {
		mat := at("memberArrayParser")
		if mp.MemberIDPath == nil {
			c.Required(mat.Append("memberIdPath"), "memberArrayParser.memberIdPath")
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
			c.Required(aiAt.Append("path"), "arrayInclusion.path")
		}
		if ai.Matcher == nil {
			c.Required(aiAt.Append("matcher"), "arrayInclusion.matcher")
		}
		p.top[topAction] = c.path(ai.Path, aiAt.Append("path"), "arrayInclusion.path")
		if ai.Matcher != nil {
			p.matcher = c.Matcher(*ai.Matcher, aiAt.Append("matcher"))
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
			c.Add(spec.SeverityError, at("addMemberArrayPath"), spec.CodeUnpaired, "addMemberArrayPath needs removeMemberArrayPath: the two come together or not at all")
		} else {
			c.Add(spec.SeverityError, at("removeMemberArrayPath"), spec.CodeUnpaired, "removeMemberArrayPath needs addMemberArrayPath: the two come together or not at all")
		}
	}
	if hasMA && (hasAdd || hasRemove) {
		ok = false
		c.Add(spec.SeverityError, at("memberArrayPath"), spec.CodeConflict, "memberArrayPath cannot be combined with addMemberArrayPath/removeMemberArrayPath: use one member array or a pair of add and remove arrays")
	}
	if hasAI && (hasAdd || hasRemove) {
		ok = false
		c.Add(spec.SeverityError, at("arrayInclusion"), spec.CodeConflict, "arrayInclusion cannot be combined with addMemberArrayPath/removeMemberArrayPath: named add and remove arrays already say which members are added")
	}
	if hasAI && !hasMA {
		ok = false
		c.Add(spec.SeverityError, at("arrayInclusion"), spec.CodeRequired, "arrayInclusion needs memberArrayPath, the array whose members the action applies to")
	}
	if hasBool && !hasMA {
		ok = false
		c.Add(spec.SeverityError, boolAt, spec.CodeRequired, "booleanMembershipPath needs memberArrayPath, the array whose members carry the boolean")
	}
	if hasMA && !hasAI && !hasBool {
		ok = false
		c.Add(spec.SeverityError, at("memberArrayPath"), spec.CodeNoMode, "memberArrayPath needs either memberArrayParser.booleanMembershipPath (a boolean per member) or arrayInclusion (one action for the batch)")
	}
	if !hasMA && !hasAdd && !hasRemove {
		ok = false
		c.Add(spec.SeverityError, rpAt, spec.CodeNoMode, "the requestParser names no member array: give memberArrayPath, or addMemberArrayPath and removeMemberArrayPath")
	}
	if hasMA && hasAI && hasBool {
		c.Add(spec.SeverityWarning, boolAt, spec.CodeIgnoredField, "booleanMembershipPath is ignored: with arrayInclusion, the action value decides for the whole batch")
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
