package conformance

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

//go:embed profiles/*.json
var profiles embed.FS

// Profile holds the known differences of one named implementation: what it
// answers, over HTTP, where it departs from the semantics. A difference excuses
// one case at that implementation only, and only when the implementation shows
// the behaviour the profile states; a run without a profile excuses nothing.
// Profiles are JSON files (README.md documents the format); the bundled ones are
// embedded in the package ([BundledProfile]).
//
// A Profile is not modified after loading and is safe for concurrent use.
type Profile struct {
	// Implementation names the implementation the profile describes, such as
	// "ts-validation-server".
	Implementation string `json:"implementation"`
	// Description says what the implementation is and where it comes from.
	Description string `json:"description"`
	// Conventions are differences that apply to every case of a kind.
	Conventions Conventions `json:"conventions"`
	// Differences are the known differences of single cases.
	Differences []*Difference `json:"differences"`

	byCase map[string]*Difference
}

// Conventions are the differences of a profile that apply to every case of a
// kind rather than to named cases. Each is nil when the implementation follows
// the semantics there.
type Conventions struct {
	// SuccessWithoutTemplate is what the implementation answers where the
	// semantics want 204 with no body (an accepted payload, no jsonResponseBody).
	SuccessWithoutTemplate *Convention `json:"successWithoutTemplate,omitempty"`
	// ErrorBodyWithoutTemplate is the body shape the implementation answers, with
	// the right status, where the semantics want the default error body (a
	// rejected payload, no jsonResponseBody). Its Expect is a BodyShape.
	ErrorBodyWithoutTemplate *Convention `json:"errorBodyWithoutTemplate,omitempty"`
}

// Convention is one convention of a profile.
type Convention struct {
	// Expect is what the implementation answers instead: a Behaviour's text form
	// for SuccessWithoutTemplate, a BodyShape for ErrorBodyWithoutTemplate.
	Expect string `json:"expect"`
	// Row names the row of the specification's table of known differences
	// (docs/SPEC.md) that the convention comes from.
	Row string `json:"row"`

	behaviour Behaviour
}

// Difference is the known difference of one case at one implementation.
type Difference struct {
	// Case is the case's ID, "group/name".
	Case string `json:"case"`
	// Expect is what the implementation answers to the case.
	Expect Behaviour `json:"expect"`
	// Row names the row of the specification's table of known differences
	// (docs/SPEC.md) that explains it.
	Row string `json:"row"`
	// NotObservable says that the difference lies behind an answer that a
	// conforming implementation gives too (a wrong result behind a 200 with no
	// body, say): the runner then reports the case as not observable, after
	// checking that the answer is Expect and passes the case.
	NotObservable bool `json:"notObservable,omitempty"`
	// Note, when set, says more than the row does about this case.
	Note string `json:"note,omitempty"`
}

// Profile names used in Outcome details.
const (
	conventionSuccess = "successWithoutTemplate"
	conventionError   = "errorBodyWithoutTemplate"
)

// BundledProfiles returns the names of the profiles embedded in the package,
// sorted.
func BundledProfiles() []string {
	names, _ := fs.Glob(profiles, "profiles/*.json")
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(path.Base(n), ".json")
	}
	return out
}

// BundledProfile returns the embedded profile of the named implementation, such
// as "ts-validation-server".
func BundledProfile(name string) (*Profile, error) {
	data, err := fs.ReadFile(profiles, "profiles/"+name+".json")
	if err != nil {
		return nil, fmt.Errorf("conformance: no bundled profile %q (bundled: %s)", name, strings.Join(BundledProfiles(), ", "))
	}
	return ParseProfile(data)
}

// ParseProfile decodes a profile strictly (unknown fields are errors) and checks
// it: every behaviour parses, every difference names a row and a case, no case
// twice, and the file names its implementation.
func ParseProfile(data []byte) (*Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("conformance: profile: %w", err)
	}
	if !json.Valid(data) {
		return nil, errors.New("conformance: profile: not one valid JSON document")
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("conformance: profile %s: "+format, append([]any{p.Implementation}, args...)...))
	}
	if !keyName.MatchString(p.Implementation) {
		bad("implementation %q must match %s", p.Implementation, keyName)
	}
	if c := p.Conventions.SuccessWithoutTemplate; c != nil {
		b, err := ParseBehaviour(c.Expect)
		if err != nil {
			bad("%s: %v", conventionSuccess, err)
		}
		c.behaviour = b
	}
	if c := p.Conventions.ErrorBodyWithoutTemplate; c != nil {
		sh, ok := parseShape(c.Expect)
		if !ok {
			bad("%s: expect %q is not a body shape (empty, json, html, text)", conventionError, c.Expect)
		}
		c.behaviour = Behaviour{Body: sh}
	}
	for name, c := range map[string]*Convention{conventionSuccess: p.Conventions.SuccessWithoutTemplate, conventionError: p.Conventions.ErrorBodyWithoutTemplate} {
		if c != nil && c.Row == "" {
			bad("%s: give the row of the specification it comes from", name)
		}
	}
	p.byCase = make(map[string]*Difference, len(p.Differences))
	for i, d := range p.Differences {
		switch {
		case d == nil:
			bad("difference %d is null", i)
			continue
		case d.Case == "" || !strings.Contains(d.Case, "/"):
			bad("difference %d: case %q is not a case ID (group/name)", i, d.Case)
		case d.Expect == (Behaviour{}):
			bad("%s: give the behaviour expected there", d.Case)
		case d.Row == "":
			bad("%s: give the row of the specification it comes from", d.Case)
		case d.NotObservable && d.Expect.Hang:
			bad("%s: a hang is observable: drop notObservable", d.Case)
		case p.byCase[d.Case] != nil:
			bad("%s: the case has two differences", d.Case)
		}
		p.byCase[d.Case] = d
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &p, nil
}

// For returns the known difference of the case, or nil.
func (p *Profile) For(c *Case) *Difference {
	if p == nil {
		return nil
	}
	return p.byCase[c.ID()]
}

// CheckCases reports the differences that name a case missing from cases
// while cases hold others of its group (file): a profile must not excuse a case
// that does not exist (a renamed case, a typing error). Differences of groups
// that cases do not hold at all are not checked, so that a profile can be
// used with a subset of the case files (--cases DIR).
func (p *Profile) CheckCases(cases []*Case) error {
	ids := make(map[string]bool, len(cases))
	groups := make(map[string]bool)
	for _, c := range cases {
		ids[c.ID()] = true
		groups[c.Group] = true
	}
	var errs []error
	for _, d := range p.Differences {
		group, _, _ := strings.Cut(d.Case, "/")
		if groups[group] && !ids[d.Case] {
			errs = append(errs, fmt.Errorf("conformance: profile %s: %s is not a case of the suite", p.Implementation, d.Case))
		}
	}
	return errors.Join(errs...)
}

// Groups returns the groups (case files) the profile's differences name,
// sorted, each once.
func (p *Profile) Groups() []string {
	var groups []string
	for _, d := range p.Differences {
		group, _, _ := strings.Cut(d.Case, "/")
		groups = append(groups, group)
	}
	slices.Sort(groups)
	return slices.Compact(groups)
}

// Rows returns the specification rows the profile cites, sorted, each once.
func (p *Profile) Rows() []string {
	var rows []string
	for _, c := range []*Convention{p.Conventions.SuccessWithoutTemplate, p.Conventions.ErrorBodyWithoutTemplate} {
		if c != nil {
			rows = append(rows, c.Row)
		}
	}
	for _, d := range p.Differences {
		rows = append(rows, d.Row)
	}
	slices.Sort(rows)
	return slices.Compact(rows)
}

// Unused returns a line for each convention of the profile that no outcome of
// the run used: a convention that never applies is stale, as a difference
// whose behaviour does not occur is.
func (p *Profile) Unused(outcomes []Outcome) []string {
	used := make(map[string]bool)
	for _, o := range outcomes {
		if o.Convention != "" {
			used[o.Convention] = true
		}
	}
	var out []string
	for _, name := range []string{conventionSuccess, conventionError} {
		c := p.Conventions.SuccessWithoutTemplate
		if name == conventionError {
			c = p.Conventions.ErrorBodyWithoutTemplate
		}
		if c != nil && !used[name] {
			out = append(out, fmt.Sprintf("profile %s: convention %s (%q, row %s) applied to no case: stale", p.Implementation, name, c.Expect, c.Row))
		}
	}
	return out
}
