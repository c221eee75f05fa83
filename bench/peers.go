package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/bytedance/sonic"
	"github.com/bytedance/sonic/ast"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/minio/simdjson-go"
	"github.com/ohler55/ojg/oj"
	"github.com/tidwall/gjson"
)

// An Extractor finds the member operations of a payload of one shape, appending
// them to out (reused between calls).
type Extractor func(data []byte, out []Member) ([]Member, error)

// A Peer is one contestant of the field: an extractor (Extract) or a validator
// that extracts nothing (Valid).
type Peer struct {
	Name    string
	Extract func(Shape) Extractor // nil for a validator
	Valid   func([]byte) bool     // nil for an extractor
}

// errInvalid is what validators' extractors and the checks report for a payload a
// peer refuses.
var errInvalid = errors.New("invalid JSON")

// --- trees: encoding/json and ojg decode into any; one walk serves both ---

// walkAny extracts the members from a decoded tree.
func walkAny(v any, l layout, out []Member) []Member {
	top, _ := text(pointer(v, l.topCohort))
	action, _ := text(pointer(v, l.action))
	start := len(out)
	for _, a := range l.arrays {
		arr, _ := pointer(v, a.path).([]any)
		for _, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			id, ok := text(m[l.id])
			if !ok || id == "" {
				continue
			}
			mb := Member{ID: id, Add: a.op == opAdd}
			if a.op == opValue {
				mb.Add, _ = m[l.value].(bool)
			}
			if l.cohort != "" {
				mb.Cohort, _ = text(m[l.cohort])
			}
			out = append(out, mb)
		}
	}
	finish(out[start:], top, action, l)
	return out
}

func pointer(v any, toks []string) any {
	if toks == nil {
		return nil
	}
	for _, t := range toks {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// text returns a string's text or a number's literal.
func text(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	}
	return "", false
}

// Naive decodes into any with encoding/json (numbers as json.Number) and walks.
func Naive(s Shape) Extractor {
	l := s.layout()
	return func(data []byte, out []Member) ([]Member, error) {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return out, err
		}
		if _, err := d.Token(); err != io.EOF {
			return out, errInvalid
		}
		return walkAny(v, l, out), nil
	}
}

// OJG decodes into any with ojg's oj.Parse and walks.
func OJG(s Shape) Extractor {
	l := s.layout()
	return func(data []byte, out []Member) ([]Member, error) {
		v, err := oj.Parse(data)
		if err != nil {
			return out, err
		}
		return walkAny(v, l, out), nil
	}
}

// --- gjson: Valid, then Get the arrays and iterate their members ---

// GJSON validates with gjson.ValidBytes, then reads with GetBytes and ForEach.
func GJSON(s Shape) Extractor {
	l := s.layout()
	dotted := func(toks []string) string {
		p := ""
		for i, t := range toks {
			if i > 0 {
				p += "."
			}
			p += t
		}
		return p
	}
	top, action := dotted(l.topCohort), dotted(l.action)
	return func(data []byte, out []Member) ([]Member, error) {
		if !gjson.ValidBytes(data) {
			return out, errInvalid
		}
		start := len(out)
		for _, a := range l.arrays {
			gjson.GetBytes(data, dotted(a.path)).ForEach(func(_, e gjson.Result) bool {
				var mb Member
				ok := false
				mb.Add = a.op == opAdd
				e.ForEach(func(k, v gjson.Result) bool {
					switch k.Str {
					case l.id:
						switch v.Type {
						case gjson.String:
							mb.ID, ok = v.Str, v.Str != ""
						case gjson.Number:
							mb.ID, ok = v.Raw, true
						default:
							mb.ID, ok = "", false
						}
					case l.value:
						if a.op == opValue {
							mb.Add = v.Type == gjson.True
						}
					case l.cohort:
						if v.Type == gjson.String {
							mb.Cohort = v.Str
						}
					}
					return true
				})
				if ok {
					out = append(out, mb)
				}
				return true
			})
		}
		act := ""
		if l.action != nil {
			act = gjson.GetBytes(data, action).String()
		}
		finish(out[start:], gjson.GetBytes(data, top).String(), act, l)
		return out, nil
	}
}

// --- simdjson-go: parse the tape, then walk it ---

// SIMDJSON parses with simdjson-go (reusing its tape) and walks the tape.
func SIMDJSON(s Shape) Extractor {
	l := s.layout()
	var pj *simdjson.ParsedJson
	return func(data []byte, out []Member) ([]Member, error) {
		var err error
		if pj, err = simdjson.Parse(data, pj); err != nil {
			return out, err
		}
		it := pj.Iter()
		it.Advance()
		var root simdjson.Element
		var obj simdjson.Object
		var arr simdjson.Array
		var el simdjson.Iter
		start := len(out)
		textOf := func(i *simdjson.Iter) (string, bool) {
			switch i.Type() {
			case simdjson.TypeString:
				s, err := i.String()
				return s, err == nil
			case simdjson.TypeInt:
				n, err := i.Int()
				return strconv.FormatInt(n, 10), err == nil
			}
			return "", false
		}
		find := func(toks []string) (string, bool) {
			if toks == nil {
				return "", false
			}
			if _, err := it.FindElement(&root, toks...); err != nil {
				return "", false
			}
			return textOf(&root.Iter)
		}
		top, _ := find(l.topCohort)
		act, _ := find(l.action)
		for _, a := range l.arrays {
			if _, err := it.FindElement(&root, a.path...); err != nil || root.Type != simdjson.TypeArray {
				continue
			}
			if _, err := root.Iter.Array(&arr); err != nil {
				return out, err
			}
			ai := arr.Iter()
			for {
				t := ai.Advance()
				if t == simdjson.TypeNone {
					break
				}
				if t != simdjson.TypeObject {
					continue
				}
				if _, err := ai.Object(&obj); err != nil {
					return out, err
				}
				mb := Member{Add: a.op == opAdd}
				ok := false
				for {
					name, t, err := obj.NextElementBytes(&el)
					if err != nil {
						return out, err
					}
					if t == simdjson.TypeNone {
						break
					}
					switch string(name) {
					case l.id:
						mb.ID, ok = textOf(&el)
						ok = ok && mb.ID != ""
					case l.value:
						if a.op == opValue {
							b, err := el.Bool()
							mb.Add = err == nil && b
						}
					case l.cohort:
						if t == simdjson.TypeString {
							mb.Cohort, _ = el.String()
						}
					}
				}
				if ok {
					out = append(out, mb)
				}
			}
		}
		finish(out[start:], top, act, l)
		return out, nil
	}
}

// --- sonic: Valid, then its lazy ast ---

// Sonic validates with sonic.Valid, then reads with sonic.Get and ast.Node.
func Sonic(s Shape) Extractor {
	l := s.layout()
	toPath := func(toks []string) []any {
		var p []any
		for _, t := range toks {
			if i, err := strconv.Atoi(t); err == nil {
				p = append(p, i)
			} else {
				p = append(p, t)
			}
		}
		return p
	}
	textOf := func(n *ast.Node) (string, bool) {
		switch n.TypeSafe() {
		case ast.V_STRING:
			s, err := n.String()
			return s, err == nil
		case ast.V_NUMBER:
			s, err := n.Raw()
			return s, err == nil
		}
		return "", false
	}
	return func(data []byte, out []Member) ([]Member, error) {
		if !sonic.Valid(data) {
			return out, errInvalid
		}
		start := len(out)
		get := func(toks []string) string {
			if toks == nil {
				return ""
			}
			n, err := sonic.Get(data, toPath(toks)...)
			if err != nil {
				return ""
			}
			s, _ := textOf(&n)
			return s
		}
		top, act := get(l.topCohort), get(l.action)
		for _, a := range l.arrays {
			arr, err := sonic.Get(data, toPath(a.path)...)
			if err != nil || arr.TypeSafe() != ast.V_ARRAY {
				continue
			}
			err = arr.ForEach(func(_ ast.Sequence, e *ast.Node) bool {
				if e.TypeSafe() != ast.V_OBJECT {
					return true
				}
				mb := Member{Add: a.op == opAdd}
				ok := false
				_ = e.ForEach(func(k ast.Sequence, v *ast.Node) bool {
					switch *k.Key {
					case l.id:
						mb.ID, ok = textOf(v)
						ok = ok && mb.ID != ""
					case l.value:
						if a.op == opValue {
							b, err := v.Bool()
							mb.Add = err == nil && b && v.TypeSafe() == ast.V_TRUE
						}
					case l.cohort:
						mb.Cohort, _ = textOf(v)
					}
					return true
				})
				if ok {
					out = append(out, mb)
				}
				return true
			})
			if err != nil {
				return out, err
			}
		}
		finish(out[start:], top, act, l)
		return out, nil
	}
}

// --- jsontext: a streaming extractor over tokens ---

// JSONText reads the payload with a jsontext.Decoder (strict, duplicate names
// allowed), descending only along the layout's paths and skipping every other
// value with SkipValue.
func JSONText(s Shape) Extractor {
	l := s.layout()
	// paths maps each prefix of a wanted pointer to what is there: "" marks an
	// inner node, otherwise the name of the leaf.
	type leaf struct {
		array int // index into l.arrays, or -1
		top   bool
		act   bool
	}
	leaves := map[string]leaf{}
	inner := map[string]bool{}
	key := func(toks []string) string {
		k := ""
		for _, t := range toks {
			k += "/" + t
		}
		return k
	}
	for i, a := range l.arrays {
		leaves[key(a.path)] = leaf{array: i}
		for j := range a.path {
			inner[key(a.path[:j])] = true
		}
	}
	if l.topCohort != nil && l.topCohort[0] != "batch" {
		leaves[key(l.topCohort)] = leaf{array: -1, top: true}
		for j := range l.topCohort {
			inner[key(l.topCohort[:j])] = true
		}
	}
	if l.action != nil {
		leaves[key(l.action)] = leaf{array: -1, act: true}
		inner[""] = true
	}
	var rd bytes.Reader
	dec := jsontext.NewDecoder(&rd, jsontext.AllowDuplicateNames(true))
	return func(data []byte, out []Member) ([]Member, error) {
		rd.Reset(data)
		dec.Reset(&rd, jsontext.AllowDuplicateNames(true))
		start := len(out)
		var top, act string
		valueText := func() (string, bool, error) {
			tok, err := dec.ReadToken()
			if err != nil {
				return "", false, err
			}
			switch tok.Kind() {
			case '"', '0':
				return tok.String(), true, nil
			case '{', '[':
				return "", false, dec.SkipValue()
			}
			return "", false, nil
		}
		var walk func(path string) error
		members := func(a array) error {
			if dec.PeekKind() != '[' {
				return dec.SkipValue()
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for dec.PeekKind() != ']' {
				if dec.PeekKind() != '{' {
					if err := dec.SkipValue(); err != nil {
						return err
					}
					continue
				}
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				mb := Member{Add: a.op == opAdd}
				ok := false
				for dec.PeekKind() != '}' {
					name, err := dec.ReadToken()
					if err != nil {
						return err
					}
					switch name.String() {
					case l.id:
						if mb.ID, ok, err = valueText(); err != nil {
							return err
						}
						ok = ok && mb.ID != ""
					case l.value:
						tok, err := dec.ReadToken()
						if err != nil {
							return err
						}
						if a.op == opValue {
							mb.Add = tok.Kind() == 't'
						}
						if k := tok.Kind(); k == '{' || k == '[' {
							if err := dec.SkipValue(); err != nil {
								return err
							}
						}
					case l.cohort:
						if mb.Cohort, _, err = valueText(); err != nil {
							return err
						}
					default:
						if err := dec.SkipValue(); err != nil {
							return err
						}
					}
				}
				if _, err := dec.ReadToken(); err != nil {
					return err
				}
				if ok {
					out = append(out, mb)
				}
			}
			_, err := dec.ReadToken()
			return err
		}
		walk = func(path string) error {
			if lf, ok := leaves[path]; ok {
				switch {
				case lf.array >= 0:
					return members(l.arrays[lf.array])
				case lf.top:
					s, _, err := valueText()
					top = s
					return err
				default:
					s, _, err := valueText()
					act = s
					return err
				}
			}
			if !inner[path] || dec.PeekKind() != '{' {
				return dec.SkipValue()
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for dec.PeekKind() != '}' {
				name, err := dec.ReadToken()
				if err != nil {
					return err
				}
				if err := walk(path + "/" + name.String()); err != nil {
					return err
				}
			}
			_, err := dec.ReadToken()
			return err
		}
		if err := walk(""); err != nil {
			return out, err
		}
		if _, err := dec.ReadToken(); err != io.EOF {
			return out, fmt.Errorf("after the value: %v", err)
		}
		if l.topCohort != nil && l.topCohort[0] == "batch" && len(out) > start {
			top = out[start].Cohort // /batch/0/cohortId: the first member's
		}
		finish(out[start:], top, act, l)
		return out, nil
	}
}

// --- validators ---

// CountQuotes is the floor: a byte loop that counts quotes and checks nothing.
func CountQuotes(data []byte) bool {
	n := 0
	for _, c := range data {
		if c == '"' {
			n++
		}
	}
	return n%2 == 0
}

// OJValidate is ojg's validator.
func OJValidate(data []byte) bool { return oj.Validate(data) == nil }
