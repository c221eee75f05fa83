package fuzz

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/segsync/segsync/parser"
)

// This file is the reference evaluator: SEMANTICS.md sections 3 to 6 written out
// as plainly as possible, sharing nothing with package parser but its result and
// error types. It decodes with jsontext into its own tree, walks pointers with its
// own code, and builds segments with maps. It is slow on purpose.

// node is a decoded JSON value.
type node struct {
	kind   byte             // 'n' null, 't' true, 'f' false, '"' string, '0' number, '[' array, '{' object
	text   string           // string contents, or a number's literal text
	elems  []*node          // array elements
	fields map[string]*node // object members; a repeated name keeps its last value
}

// refSpec is a requestParser as the reference evaluator reads it: pointer texts,
// nil when absent.
type refSpec struct {
	Name                                           string
	Env, Kind, CohortID, CohortName, CohortURL     *string
	MemberArray, AddArray, RemoveArray, ActionPath *string
	Matcher                                        *string
	MemberID, Boolean, MemberCohortID, MemberName  *string
	IntegrationKey                                 string
	Limits                                         parser.Limits // all fields set

	re *regexp.Regexp // the compiled Matcher, set by matcher
}

// matcher returns the compiled Matcher. The specs' matchers are written so that
// RE2 and JavaScript read them alike.
func (s *refSpec) matcher() *regexp.Regexp {
	if s.re == nil {
		s.re = regexp.MustCompile(*s.Matcher)
	}
	return s.re
}

// refError is the reference's verdict on a bad payload.
type refError struct {
	Code    parser.Code
	Pointer string
	Field   string
}

func (e *refError) Error() string { return string(e.Code) + " at " + e.Pointer + " (" + e.Field + ")" }

// decodeRef decodes one JSON document strictly. A syntax error or invalid UTF-8 is
// invalid_json; an array or object nested more than maxDepth levels is too_large;
// whichever comes first in the text wins.
func decodeRef(data []byte, maxDepth int) (*node, *refError) {
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true))
	type frame struct {
		n        *node
		wantName bool
		name     string
	}
	var stack []*frame
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, &refError{Code: parser.CodeInvalidJSON}
		}
		if len(stack) > 0 {
			if f := stack[len(stack)-1]; f.n.kind == '{' && f.wantName && tok.Kind() == '"' {
				f.name = tok.String()
				f.wantName = false
				continue
			}
		}
		var v *node
		switch k := tok.Kind(); k {
		case '{', '[':
			if len(stack) >= maxDepth {
				return nil, &refError{Code: parser.CodeTooLarge}
			}
			n := &node{kind: byte(k)}
			if k == '{' {
				n.fields = map[string]*node{}
			}
			stack = append(stack, &frame{n: n, wantName: k == '{'})
			continue
		case '}', ']':
			v = stack[len(stack)-1].n
			stack = stack[:len(stack)-1]
		case 'n', 't', 'f':
			v = &node{kind: byte(k)}
		case '"', '0':
			v = &node{kind: byte(k), text: tok.String()}
		default:
			panic("unexpected token kind " + string(k))
		}
		if len(stack) == 0 {
			if _, err := dec.ReadToken(); err != io.EOF {
				return nil, &refError{Code: parser.CodeInvalidJSON}
			}
			return v, nil
		}
		f := stack[len(stack)-1]
		if f.n.kind == '{' {
			f.n.fields[f.name] = v
			f.wantName = true
		} else {
			f.n.elems = append(f.n.elems, v)
		}
	}
}

// refTokens splits a pointer's text into unescaped tokens.
func refTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

var indexToken = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// walk evaluates a pointer's text over v; nil when nothing is found.
func walk(v *node, ptr string) *node {
	for _, tok := range refTokens(ptr) {
		switch {
		case v == nil:
			return nil
		case v.kind == '{':
			v = v.fields[tok]
		case v.kind == '[':
			if !indexToken.MatchString(tok) {
				return nil
			}
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(v.elems) {
				return nil
			}
			v = v.elems[i]
		default:
			return nil
		}
	}
	return v
}

func kindName(v *node) string {
	if v == nil {
		return "absent"
	}
	return string(v.kind)
}

// text applies the rule for text values. It returns ok=false with no error for an
// optional value that is absent or null.
func (s *refSpec) text(v *node, required bool, at, field string) (string, bool, *refError) {
	if v == nil || v.kind == 'n' {
		if required {
			return "", false, &refError{parser.CodeMissing, at, field}
		}
		return "", false, nil
	}
	if v.kind != '"' && v.kind != '0' {
		return "", false, &refError{parser.CodeWrongType, at, field}
	}
	if v.text == "" {
		return "", false, &refError{parser.CodeInvalidValue, at, field}
	}
	if len(v.text) > s.Limits.MaxValueBytes {
		return "", false, &refError{parser.CodeTooLarge, at, field}
	}
	return v.text, true, nil
}

// memberArray is one member array as found in the payload.
type memberArray struct {
	ptr, field string
	add        bool // named arrays: the add array
	elems      []*node
	err        *refError
}

func (s *refSpec) mode() parser.Mode {
	switch {
	case s.ActionPath != nil:
		return parser.ModeAction
	case s.Boolean != nil:
		return parser.ModeBoolean
	}
	return parser.ModeNamedArrays
}

// eval runs the spec over one payload.
func (s *refSpec) eval(payload []byte) (*parser.Result, *refError) {
	if int64(len(payload)) > s.Limits.MaxBytes {
		return nil, &refError{Code: parser.CodeTooLarge}
	}
	doc, derr := decodeRef(payload, s.Limits.MaxDepth)
	if derr != nil {
		return nil, derr
	}
	if doc.kind != '{' && doc.kind != '[' {
		// SEMANTICS §9: the top level is an object or an array.
		return nil, &refError{Code: parser.CodeWrongType}
	}
	mode := s.mode()

	// The member arrays, in processing order.
	var arrays []*memberArray
	if mode == parser.ModeNamedArrays {
		arrays = []*memberArray{
			{ptr: *s.AddArray, field: "addMemberArrayPath", add: true},
			{ptr: *s.RemoveArray, field: "removeMemberArrayPath"},
		}
	} else {
		arrays = []*memberArray{{ptr: *s.MemberArray, field: "memberArrayPath"}}
	}
	count := 0
	for _, a := range arrays {
		v := walk(doc, a.ptr)
		switch {
		case v != nil && v.kind == '[':
			a.elems = v.elems
		case (v == nil || v.kind == 'n') && mode == parser.ModeNamedArrays:
			// an absent add or remove array is empty
		case v == nil || v.kind == 'n':
			a.err = &refError{parser.CodeMissing, a.ptr, a.field}
		default:
			a.err = &refError{parser.CodeWrongType, a.ptr, a.field}
		}
		// The member limit comes before any other payload error.
		count += len(a.elems)
		if count > s.Limits.MaxMembers {
			return nil, &refError{parser.CodeTooLarge, a.ptr, a.field}
		}
	}

	// Top-level values, in the order errors are reported.
	env, _, err := s.text(walk(doc, *s.Env), true, *s.Env, "environmentIdPath")
	if err != nil {
		return nil, err
	}
	kind := "user"
	if s.Kind != nil {
		k, ok, err := s.text(walk(doc, *s.Kind), false, *s.Kind, "contextKindPath")
		if err != nil {
			return nil, err
		}
		if ok {
			kind = k
		}
	}
	cid, _, err := s.text(walk(doc, *s.CohortID), true, *s.CohortID, "cohortIdPath")
	if err != nil {
		return nil, err
	}
	cname, _, err := s.text(walk(doc, *s.CohortName), true, *s.CohortName, "cohortNamePath")
	if err != nil {
		return nil, err
	}
	curl := ""
	if s.CohortURL != nil {
		if curl, _, err = s.text(walk(doc, *s.CohortURL), false, *s.CohortURL, "cohortUrlPath"); err != nil {
			return nil, err
		}
	}
	actionAdd := false
	if mode == parser.ModeAction {
		at, field := *s.ActionPath, "arrayInclusion.path"
		v := walk(doc, at)
		var action string
		switch {
		case v == nil || v.kind == 'n':
			return nil, &refError{parser.CodeMissing, at, field}
		case v.kind == 't':
			action = "true"
		case v.kind == 'f':
			action = "false"
		case v.kind == '"' || v.kind == '0':
			if len(v.text) > s.Limits.MaxValueBytes {
				return nil, &refError{parser.CodeTooLarge, at, field}
			}
			action = v.text
		default:
			return nil, &refError{parser.CodeWrongType, at, field}
		}
		actionAdd = s.matcher().MatchString(action)
	}

	// Members, in processing order.
	type op struct {
		id, cohort, name string
		add              bool
	}
	var ops []op
	for _, a := range arrays {
		if a.err != nil {
			return nil, a.err
		}
		for i, el := range a.elems {
			base := a.ptr + "/" + strconv.Itoa(i)
			id, _, err := s.text(walk(el, *s.MemberID), true, base+*s.MemberID, "memberArrayParser.memberIdPath")
			if err != nil {
				return nil, err
			}
			o := op{id: id, cohort: cid, name: cname}
			switch mode {
			case parser.ModeAction:
				o.add = actionAdd
			case parser.ModeNamedArrays:
				o.add = a.add
			case parser.ModeBoolean:
				at, field := base+*s.Boolean, "memberArrayParser.booleanMembershipPath"
				switch v := walk(el, *s.Boolean); kindName(v) {
				case "t":
					o.add = true
				case "f":
				case "absent", "n":
					return nil, &refError{parser.CodeMissing, at, field}
				default:
					return nil, &refError{parser.CodeWrongType, at, field}
				}
			}
			var overrideName string
			var hasName bool
			if s.MemberCohortID != nil {
				c, ok, err := s.text(walk(el, *s.MemberCohortID), false, base+*s.MemberCohortID, "memberArrayParser.cohortIdPath")
				if err != nil {
					return nil, err
				}
				if ok {
					o.cohort = c
				}
			}
			if s.MemberName != nil {
				n, ok, err := s.text(walk(el, *s.MemberName), false, base+*s.MemberName, "memberArrayParser.cohortNamePath")
				if err != nil {
					return nil, err
				}
				overrideName, hasName = n, ok
			}
			if hasName {
				o.name = overrideName
			}
			ops = append(ops, o)
		}
	}

	// Segments: the top-level cohort first, then override cohorts in order of
	// first appearance; a member's last operation wins.
	type seg struct {
		s     parser.Segment
		order []string
		state map[string]bool
	}
	segs := []*seg{{s: parser.Segment{CohortID: cid, CohortName: cname}, state: map[string]bool{}}}
	find := func(id string) *seg {
		for _, g := range segs {
			if g.s.CohortID == id {
				return g
			}
		}
		return nil
	}
	for _, o := range ops {
		g := find(o.cohort)
		if g == nil {
			g = &seg{s: parser.Segment{CohortID: o.cohort, CohortName: o.name}, state: map[string]bool{}}
			segs = append(segs, g)
		}
		if _, seen := g.state[o.id]; !seen {
			g.order = append(g.order, o.id)
		}
		g.state[o.id] = o.add
	}
	res := &parser.Result{EnvironmentID: env, ContextKind: kind}
	for _, g := range segs {
		sg := g.s
		sg.CohortURL = curl
		if s.IntegrationKey != "" {
			sg.SegmentKey = s.IntegrationKey + "-" + sg.CohortID
		}
		var add, remove []string
		for _, id := range g.order {
			if g.state[id] {
				add = append(add, id)
			} else {
				remove = append(remove, id)
			}
		}
		sg.Add, sg.Remove = parser.NewMembers(add...), parser.NewMembers(remove...)
		res.Segments = append(res.Segments, sg)
	}
	return res, nil
}

// asParserError returns err as a *parser.Error, or nil when it is not one.
func asParserError(err error) *parser.Error {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}
