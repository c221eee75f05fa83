package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/segsync/segsync/internal/manifestpath"
	"github.com/segsync/segsync/internal/suggest"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

// ParseManifest decodes an integration manifest and checks its structure: the JSON
// types and property names of the objects segsync interprets (the syncedSegment,
// trigger, approval, featureStore, auditLogEventsHook and flagLink capabilities,
// and every form variable). A program compiled from one capability reports the
// problems that concern it (Manifest.Scoped).
//
// Data that is not a JSON object gives a nil manifest and Problems holding one
// CodeInvalidJSON or CodeWrongType problem. When the structure has problems, the
// returned manifest holds every field that was sound, its Problems field lists the
// problems sorted by pointer, and the error is those Problems. A manifest without a syncedSegment
// capability loads without error; parser.Compile rejects it.
func ParseManifest(data []byte) (*Manifest, error) {
	doc, err := jsonvalue.Decode(data, 0)
	if err != nil {
		msg := err.Error()
		var se *jsonvalue.SyntaxError
		if errors.As(err, &se) {
			msg = fmt.Sprintf("the manifest is not valid JSON: %s at byte %d", se.Msg, se.Offset)
		}
		return nil, Problems{{Code: CodeInvalidJSON, Message: msg, Err: err}}
	}
	root, ok := doc.(*jsonvalue.Object)
	if !ok {
		return nil, Problems{{Code: CodeWrongType, Message: "the manifest must be a JSON object, not " + article(jsonvalue.Kind(doc))}}
	}
	l := &loader{}
	m := &Manifest{Raw: root}
	if v, ok := root.Get("name"); ok {
		if s, ok := v.(string); ok {
			m.Name = s
		}
	}
	caps := l.object(root, jsonpath.Root, "capabilities")
	if caps != nil {
		if obj := l.object(caps, jsonpath.New("capabilities"), "syncedSegment"); obj != nil {
			m.Capabilities.SyncedSegment = l.syncedSegment(obj)
		}
	}
	l.capabilities(m, root, caps)
	l.problems.Sort()
	m.Problems = l.problems
	if len(l.problems) > 0 {
		return m, l.problems
	}
	return m, nil
}

// ParseSyncedSegment loads a bare syncedSegment capability object, as conformance
// cases and tests write it, into a manifest that holds only that capability.
// Problems carry the pointers they would have in a whole manifest.
func ParseSyncedSegment(data []byte) (*Manifest, error) {
	doc, err := jsonvalue.Decode(data, 0)
	if err != nil {
		return nil, Problems{{Pointer: manifestpath.Capability().String(), Code: CodeInvalidJSON, Message: "the syncedSegment capability is not valid JSON: " + err.Error(), Err: err}}
	}
	caps := &jsonvalue.Object{}
	caps.Set("syncedSegment", doc)
	root := &jsonvalue.Object{}
	root.Set("capabilities", caps)
	raw, err := root.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return ParseManifest(raw)
}

type loader struct {
	problems Problems
}

func (l *loader) add(at jsonpath.Pointer, code Code, format string, args ...any) {
	l.problems = append(l.problems, &Problem{Pointer: at.String(), Code: code, Message: fmt.Sprintf(format, args...)})
}

// object returns member name of parent when it is an object; it reports a
// problem when the member is present with another type.
func (l *loader) object(parent *jsonvalue.Object, at jsonpath.Pointer, name string) *jsonvalue.Object {
	v, ok := parent.Get(name)
	if !ok {
		return nil
	}
	obj, ok := v.(*jsonvalue.Object)
	if !ok {
		l.add(at.Append(name), CodeWrongType, "%q must be an object, not %s", name, article(jsonvalue.Kind(v)))
	}
	return obj
}

// str returns member name of parent when it is a string; it reports a problem when
// the member is present with another type.
func (l *loader) str(parent *jsonvalue.Object, at jsonpath.Pointer, name string) *string {
	v, ok := parent.Get(name)
	if !ok {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		l.add(at.Append(name), CodeWrongType, "%q must be a string, not %s", name, article(jsonvalue.Kind(v)))
		return nil
	}
	return &s
}

// known reports every member of obj whose name is not in allowed.
func (l *loader) known(obj *jsonvalue.Object, at jsonpath.Pointer, allowed ...string) {
	for _, name := range obj.Names() {
		if !slices.Contains(allowed, name) {
			msg := fmt.Sprintf("unknown property %q", name)
			if s := suggest.Closest(name, allowed); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			l.add(at.Append(name), CodeUnknownProperty, "%s (allowed here: %s)", msg, strings.Join(allowed, ", "))
		}
	}
}

func (l *loader) syncedSegment(obj *jsonvalue.Object) *SyncedSegment {
	at := manifestpath.Capability()
	l.known(obj, at, "requestParser", "jsonResponseBody")
	s := &SyncedSegment{JSONResponseBody: l.str(obj, at, "jsonResponseBody")}
	if rp := l.object(obj, at, "requestParser"); rp != nil {
		s.RequestParser = l.requestParser(rp)
	}
	return s
}

func (l *loader) requestParser(obj *jsonvalue.Object) *RequestParser {
	at := manifestpath.RequestParser()
	l.known(obj, at, "environmentIdPath", "contextKindPath", "cohortIdPath", "cohortNamePath", "cohortUrlPath",
		"memberArrayPath", "addMemberArrayPath", "removeMemberArrayPath", "arrayInclusion", "memberArrayParser")
	rp := &RequestParser{
		EnvironmentIDPath:     l.str(obj, at, "environmentIdPath"),
		ContextKindPath:       l.str(obj, at, "contextKindPath"),
		CohortIDPath:          l.str(obj, at, "cohortIdPath"),
		CohortNamePath:        l.str(obj, at, "cohortNamePath"),
		CohortURLPath:         l.str(obj, at, "cohortUrlPath"),
		MemberArrayPath:       l.str(obj, at, "memberArrayPath"),
		AddMemberArrayPath:    l.str(obj, at, "addMemberArrayPath"),
		RemoveMemberArrayPath: l.str(obj, at, "removeMemberArrayPath"),
	}
	if ai := l.object(obj, at, "arrayInclusion"); ai != nil {
		aat := at.Append("arrayInclusion")
		l.known(ai, aat, "path", "matcher")
		rp.ArrayInclusion = &ArrayInclusion{Path: l.str(ai, aat, "path"), Matcher: l.str(ai, aat, "matcher")}
	}
	if mp := l.object(obj, at, "memberArrayParser"); mp != nil {
		mat := at.Append("memberArrayParser")
		l.known(mp, mat, "memberIdPath", "booleanMembershipPath", "cohortIdPath", "cohortNamePath")
		rp.MemberArrayParser = &MemberArrayParser{
			MemberIDPath:          l.str(mp, mat, "memberIdPath"),
			BooleanMembershipPath: l.str(mp, mat, "booleanMembershipPath"),
			CohortIDPath:          l.str(mp, mat, "cohortIdPath"),
			CohortNamePath:        l.str(mp, mat, "cohortNamePath"),
		}
	}
	return rp
}

// article returns a JSON kind with its indefinite article, for messages.
func article(kind string) string {
	switch kind {
	case "array", "object", "invalid":
		return "an " + kind
	}
	return "a " + kind
}
