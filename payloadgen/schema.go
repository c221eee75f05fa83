package payloadgen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
)

// MaxSchemaIndex is the largest array index a schema writes as a position in an
// array (prefixItems). A pointer token above it is written as an object key
// only: a schema that listed a position per element up to it would be as long
// as the array.
const MaxSchemaIndex = 1023

// SchemaLimits lists what a JSON Schema of payloads cannot say, and so what
// Schema writes into its description: Parse applies these rules, a schema
// validator does not.
var SchemaLimits = []string{
	"The payload must be UTF-8 without lone surrogate escapes (\\ud800 alone); a schema validator reads the JSON before it applies the schema.",
	"An object that repeats a name keeps its last value; a schema validator may see either.",
	"When several members have the same ID, the last operation wins; the schema does not describe results.",
	"Limits: the payload's size in bytes, its nesting depth, the number of members and the length in bytes of each text value.",
	"A pointer's token above " + fmt.Sprint(MaxSchemaIndex) + " is described as an object key only, not as an array position.",
}

// Schema returns a JSON Schema (draft 2020-12) of the payloads the shape's
// program accepts, indented. What a schema cannot say (SchemaLimits, with the
// program's limits in figures) is in its description; apart from these, a
// payload passes the schema exactly when Parse accepts it.
func (s *Shape) Schema() []byte {
	root := &reqNode{}
	textSchema := func() any { return map[string]any{"$ref": "#/$defs/text"} }
	optional := func(v any) any { return map[string]any{"anyOf": []any{map[string]any{"type": "null"}, v}} }
	for _, p := range s.topPaths() {
		if !p.Set {
			continue
		}
		if p.required {
			root.add(p.tokens(), true, textSchema())
		} else {
			root.add(p.tokens(), false, optional(textSchema()))
		}
	}
	if s.Action.Set {
		root.add(s.Action.tokens(), true, map[string]any{"type": []any{"string", "number", "boolean"}})
	}
	member := &reqNode{}
	member.add(s.MemberID.tokens(), true, textSchema())
	if s.Boolean.Set {
		member.add(s.Boolean.tokens(), true, map[string]any{"type": "boolean"})
	}
	for _, p := range []Path{s.MemberCohortID, s.MemberCohortName} {
		if p.Set {
			member.add(p.tokens(), false, optional(textSchema()))
		}
	}
	memberArray := map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/member"}}
	for _, a := range s.arrays() {
		if s.Mode == parser.ModeNamedArrays {
			root.add(a.tokens(), false, optional(memberArray))
		} else {
			root.add(a.tokens(), true, memberArray)
		}
	}
	l := s.Program.Limits()
	var desc strings.Builder
	fmt.Fprintf(&desc, "The payloads the %s-mode synced-segment request parser accepts. What a JSON Schema cannot say, and the parser checks too:", s.Mode)
	for _, line := range SchemaLimits {
		desc.WriteString("\n- " + line)
	}
	fmt.Fprintf(&desc, "\nThe limits in force: %d bytes, nesting depth %d, %d members, %d bytes per text value.", l.MaxBytes, l.MaxDepth, l.MaxMembers, l.MaxValueBytes)
	out := root.schema()
	out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	out["description"] = desc.String()
	out["$defs"] = map[string]any{
		"member": member.schema(),
		"text": map[string]any{
			"description": "A text value: a non-empty string, or a number (kept as written).",
			"anyOf": []any{
				map[string]any{"type": "string", "minLength": 1},
				map[string]any{"type": "number"},
			},
		},
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	return b
}

// reqNode is one place of the payload that the spec's pointers pass through or
// end at.
type reqNode struct {
	required bool     // a required pointer passes through or ends here
	leaves   []any    // schemas the value here must satisfy
	order    []string // child tokens in order of first use
	children map[string]*reqNode
}

func (n *reqNode) add(tokens []string, required bool, leafSchema any) {
	n.required = n.required || required
	if len(tokens) == 0 {
		n.leaves = append(n.leaves, leafSchema)
		return
	}
	if n.children == nil {
		n.children = map[string]*reqNode{}
	}
	c := n.children[tokens[0]]
	if c == nil {
		c = &reqNode{}
		n.children[tokens[0]] = c
		n.order = append(n.order, tokens[0])
	}
	c.add(tokens[1:], required, leafSchema)
}

// schema writes the node: its leaf schemas and, for its children, an object
// with those keys or (when every required token is an index) an array with
// those positions. Evaluation finds nothing in a scalar, so an optional place
// constrains only the objects and arrays it is found in.
func (n *reqNode) schema() map[string]any {
	parts := append([]any(nil), n.leaves...)
	if len(n.order) > 0 {
		props := map[string]any{}
		var required []string
		indexes := map[int]any{}
		maxIndex, maxRequired, allIndex := -1, -1, true
		for _, t := range n.order {
			c := n.children[t]
			cs := c.schema()
			props[t] = cs
			i, isIndex := jsonpath.ArrayIndex(t, MaxSchemaIndex+1)
			if isIndex {
				indexes[i] = cs
				maxIndex = max(maxIndex, i)
			}
			if c.required {
				required = append(required, t)
				if isIndex {
					maxRequired = max(maxRequired, i)
				} else {
					allIndex = false
				}
			}
		}
		var prefix []any
		for i := 0; i <= maxIndex; i++ {
			if s, ok := indexes[i]; ok {
				prefix = append(prefix, s)
			} else {
				prefix = append(prefix, true)
			}
		}
		if len(required) == 0 {
			part := map[string]any{"properties": props}
			if prefix != nil {
				part["prefixItems"] = prefix
			}
			parts = append(parts, part)
		} else {
			obj := map[string]any{"type": "object", "required": required, "properties": props}
			if allIndex {
				arr := map[string]any{"type": "array", "minItems": maxRequired + 1, "prefixItems": prefix}
				parts = append(parts, map[string]any{"anyOf": []any{obj, arr}})
			} else {
				parts = append(parts, obj)
			}
		}
	}
	switch len(parts) {
	case 0:
		return map[string]any{}
	case 1:
		if m, ok := parts[0].(map[string]any); ok {
			return m
		}
	}
	return map[string]any{"allOf": parts}
}
