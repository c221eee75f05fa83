package capability

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/segsync/segsync/approval"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// The names of the capabilities with one parser.
const (
	SyncedSegment = "syncedSegment"
	Trigger       = "trigger"
	MemberList    = "approval.memberListRequest"
	FeatureStore  = "featureStore.validationRequest"
)

// The parts of the names of the approval requests and of dynamic options.
const (
	approvalPrefix = "approval."
	dynamicSuffix  = ".dynamicOptions"
)

// formVariableLists maps the list part of a dynamic options name to the
// manifest pointer of the list.
var formVariableLists = map[string]jsonpath.Pointer{
	"formVariables":                     jsonpath.New("formVariables"),
	"approval.environmentFormVariables": jsonpath.New("capabilities", "approval", "environmentFormVariables"),
	"approval.approvalFormVariables":    jsonpath.New("capabilities", "approval", "approvalFormVariables"),
	"featureStore.formVariables":        jsonpath.New("capabilities", "featureStore", "formVariables"),
}

var dynamicName = regexp.MustCompile(`^([A-Za-z.]+)/(0|[1-9][0-9]{0,8})\.dynamicOptions$`)

// FormVariable returns the manifest pointer of the form variable a dynamic
// options name addresses ("formVariables/2.dynamicOptions" is /formVariables/2),
// or false when name is not a dynamic options name.
func FormVariable(name string) (jsonpath.Pointer, bool) {
	m := dynamicName.FindStringSubmatch(name)
	if m == nil {
		return "", false
	}
	list, ok := formVariableLists[m[1]]
	if !ok {
		return "", false
	}
	return list.Append(m[2]), true
}

// approvalRequest returns the approval request a name addresses.
func approvalRequest(name string) (approval.Request, bool) {
	for _, r := range approval.Requests() {
		if name == approvalPrefix+r.String() {
			return r, true
		}
	}
	return 0, false
}

// Valid reports whether name is a capability name of the package doc, with an
// error that lists the names when it is not.
func Valid(name string) error {
	if _, ok := approvalRequest(name); ok {
		return nil
	}
	if _, ok := FormVariable(name); ok {
		return nil
	}
	switch name {
	case SyncedSegment, Trigger, MemberList, FeatureStore:
		return nil
	}
	return fmt.Errorf("unknown capability %q: want %s", name, strings.Join(append(staticNames(),
		"formVariables/N.dynamicOptions", "approval.environmentFormVariables/N.dynamicOptions",
		"approval.approvalFormVariables/N.dynamicOptions", "featureStore.formVariables/N.dynamicOptions"), ", "))
}

func staticNames() []string {
	names := []string{SyncedSegment, Trigger}
	for _, r := range approval.Requests() {
		names = append(names, approvalPrefix+r.String())
	}
	return append(names, MemberList, FeatureStore)
}

// Names lists the names of the parsers a manifest has, in the order of the
// package doc.
func Names(m *spec.Manifest) []string {
	var out []string
	c := m.Capabilities
	if c.SyncedSegment != nil {
		out = append(out, SyncedSegment)
	}
	if c.Trigger != nil {
		out = append(out, Trigger)
	}
	if a := c.Approval; a != nil {
		for _, r := range approval.Requests() {
			out = append(out, approvalPrefix+r.String())
		}
		if a.MemberListRequest != nil {
			out = append(out, MemberList)
		}
	}
	if fs := c.FeatureStore; fs != nil && fs.ValidationRequest != nil {
		out = append(out, FeatureStore)
	}
	for _, fv := range m.AllFormVariables() {
		if fv.DynamicOptions == nil {
			continue
		}
		toks := fv.At.Tokens()
		list := strings.Join(toks[:len(toks)-1], ".")
		list = strings.TrimPrefix(list, "capabilities.")
		out = append(out, list+"/"+strconv.Itoa(index(toks[len(toks)-1]))+dynamicSuffix)
	}
	return out
}

func index(tok string) int {
	n, _ := strconv.Atoi(tok)
	return n
}
