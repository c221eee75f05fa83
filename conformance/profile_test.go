package conformance_test

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/segsync/segsync/conformance"
)

func TestParseBehaviour(t *testing.T) {
	valid := map[string]conformance.Behaviour{
		"hang":      {Hang: true},
		"500":       {Status: 500},
		"200 empty": {Status: 200, Body: conformance.BodyEmpty},
		"400 html":  {Status: 400, Body: conformance.BodyHTML},
		"400 json":  {Status: 400, Body: conformance.BodyJSON},
		"502 text":  {Status: 502, Body: conformance.BodyText},
	}
	for in, want := range valid {
		got, err := conformance.ParseBehaviour(in)
		if err != nil || got != want {
			t.Errorf("ParseBehaviour(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for _, in := range []string{"", "Hang", "200 ", "200 xml", "99", "600", "0200", "200 empty body", "abc"} {
		if b, err := conformance.ParseBehaviour(in); err == nil {
			t.Errorf("ParseBehaviour(%q) = %+v, want an error", in, b)
		}
	}
}

func TestShapeOf(t *testing.T) {
	for body, want := range map[string]conformance.BodyShape{
		"":                               conformance.BodyEmpty,
		" \n":                            conformance.BodyEmpty,
		`{"a": 1}`:                       conformance.BodyJSON,
		"null":                           conformance.BodyJSON,
		"<!DOCTYPE html>\n<html><body>x": conformance.BodyHTML,
		"  <HTML lang=en>":               conformance.BodyHTML,
		"<p>not a page":                  conformance.BodyText,
		"Internal Server Error":          conformance.BodyText,
		`{"a": 1} trailing`:              conformance.BodyText,
	} {
		if got := conformance.ShapeOf([]byte(body)); got != want {
			t.Errorf("ShapeOf(%q) = %q, want %q", body, got, want)
		}
	}
}

func TestParseProfileErrors(t *testing.T) {
	for name, tt := range map[string]struct{ profile, want string }{
		"unknown field":     {`{"implementation": "x", "differences": [], "extra": 1}`, `unknown field "extra"`},
		"bad name":          {`{"implementation": "X Y"}`, `implementation "X Y" must match`},
		"bad behaviour":     {`{"implementation": "x", "differences": [{"case": "g/c", "expect": "200 page", "row": "r"}]}`, `the body shape is one of`},
		"no behaviour":      {`{"implementation": "x", "differences": [{"case": "g/c", "row": "r"}]}`, `g/c: give the behaviour expected there`},
		"no row":            {`{"implementation": "x", "differences": [{"case": "g/c", "expect": "500"}]}`, `g/c: give the row`},
		"not a case ID":     {`{"implementation": "x", "differences": [{"case": "c", "expect": "500", "row": "r"}]}`, `case "c" is not a case ID`},
		"twice":             {`{"implementation": "x", "differences": [{"case": "g/c", "expect": "500", "row": "r"}, {"case": "g/c", "expect": "400", "row": "r"}]}`, `g/c: the case has two differences`},
		"hidden hang":       {`{"implementation": "x", "differences": [{"case": "g/c", "expect": "hang", "row": "r", "notObservable": true}]}`, `a hang is observable`},
		"convention shape":  {`{"implementation": "x", "conventions": {"errorBodyWithoutTemplate": {"expect": "200 empty", "row": "r"}}}`, `is not a body shape`},
		"convention no row": {`{"implementation": "x", "conventions": {"successWithoutTemplate": {"expect": "200 empty"}}}`, `successWithoutTemplate: give the row`},
		"trailing data":     {`{"implementation": "x"} {}`, `not one valid JSON document`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := conformance.ParseProfile([]byte(tt.profile))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestBundledProfiles: every bundled profile parses, names only cases of the
// suite, and cites only rows of the specification's table of known
// differences (docs/SPEC.md, "#### row-name" headings or "`row-name`" cells).
func TestBundledProfiles(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("../docs/SPEC.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllSubmatch(spec, -1) {
		rows[string(m[1])] = true
	}
	if len(rows) == 0 {
		t.Fatal("docs/SPEC.md has no table of known differences")
	}
	names := conformance.BundledProfiles()
	if len(names) == 0 {
		t.Fatal("no bundled profile")
	}
	for _, name := range names {
		p, err := conformance.BundledProfile(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.Implementation != name {
			t.Errorf("profiles/%s.json names the implementation %q", name, p.Implementation)
		}
		if err := p.CheckCases(cases); err != nil {
			t.Error(err)
		}
		bundled := map[string]bool{}
		for _, c := range cases {
			bundled[c.Group] = true
		}
		for _, g := range p.Groups() {
			if !bundled[g] {
				t.Errorf("profile %s names cases of %s.json, which is not a bundled case file", name, g)
			}
		}
		for _, row := range p.Rows() {
			if !rows[row] {
				t.Errorf("profile %s cites row %q, which docs/SPEC.md does not have", name, row)
			}
		}
	}
	if _, err := conformance.BundledProfile("no-such"); err == nil || !strings.Contains(err.Error(), "ts-validation-server") {
		t.Errorf("BundledProfile(no-such) = %v, want an error listing the bundled profiles", err)
	}
}

// profileFor builds a profile with the given conventions and differences.
func profileFor(t *testing.T, conventions string, differences ...string) *conformance.Profile {
	t.Helper()
	p, err := conformance.ParseProfile([]byte(`{"implementation": "test-impl", "conventions": {` + conventions + `}, "differences": [` + strings.Join(differences, ",") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fixed is a target that answers every case with one response (nil: no answer,
// a timeout).
type fixed struct {
	resp *conformance.ObservedResponse
}

func (fixed) Name() string { return "fixed" }

func (f fixed) Observe(_ context.Context, c *conformance.Case) (*conformance.Observation, error) {
	if f.resp == nil {
		return nil, &conformance.TransportError{Timeout: true, Err: context.DeadlineExceeded}
	}
	return &conformance.Observation{Response: f.resp}, nil
}

// TestProfileVerdicts checks each way a profile's difference meets an answer.
func TestProfileVerdicts(t *testing.T) {
	result := &conformance.Case{Name: "ok", Group: "g", Spec: json.RawMessage(`{"requestParser": {}}`),
		IntegrationKey: "k", Payload: json.RawMessage(`{}`), Result: &conformance.Result{Segments: []conformance.Segment{}}}
	failure := &conformance.Case{Name: "bad", Group: "g", Spec: json.RawMessage(`{"requestParser": {}}`),
		IntegrationKey: "k", Payload: json.RawMessage(`{}`), Error: &conformance.PayloadError{Status: 400, Code: "missing"}}
	resp := func(status int, body string) *conformance.ObservedResponse {
		return &conformance.ObservedResponse{Status: status, Body: []byte(body)}
	}
	defaultBody := `{"status": 400, "code": "missing", "message": "m", "pointer": ""}`
	conventions := `"successWithoutTemplate": {"expect": "200 empty", "row": "r1"}, "errorBodyWithoutTemplate": {"expect": "empty", "row": "r2"}`
	for _, tt := range []struct {
		name    string
		c       *conformance.Case
		profile *conformance.Profile
		resp    *conformance.ObservedResponse
		want    conformance.Status
		detail  string
	}{
		{"no profile: 200 for 204 fails", result, nil, resp(200, ""), conformance.Fail, `response: want 204 with no body, got 200 (body "")`},
		{"no profile: the right answer passes", result, nil, resp(204, ""), conformance.Pass, ""},
		{"convention: 200 empty for 204", result, profileFor(t, conventions), resp(200, ""), conformance.KnownDifference, "convention successWithoutTemplate: 200 empty instead of 204 with no body (row r1)"},
		{"convention: 200 with a body is not excused", result, profileFor(t, conventions), resp(200, "{}"), conformance.Fail, "want 204 with no body, got 200 (body {})"},
		{"convention: 500 empty is not excused", result, profileFor(t, conventions), resp(500, ""), conformance.Fail, "got 500"},
		{"convention: empty error body", failure, profileFor(t, conventions), resp(400, ""), conformance.KnownDifference, "400 with empty body instead of the default error body (row r2)"},
		{"convention: wrong status not excused", failure, profileFor(t, conventions), resp(200, ""), conformance.Fail, "response status: want 400, got 200"},
		{"convention: the right answer passes", failure, profileFor(t, conventions), resp(400, defaultBody), conformance.Pass, ""},
		{"difference occurs", failure, profileFor(t, "", `{"case": "g/bad", "expect": "500 empty", "row": "r3"}`), resp(500, ""), conformance.KnownDifference, "500 empty, as profile test-impl states (row r3)"},
		{"another behaviour is stale", failure, profileFor(t, "", `{"case": "g/bad", "expect": "500 empty", "row": "r3"}`), resp(500, "oops"), conformance.Stale, "states 500 empty (row r3), which did not occur: got 500 text"},
		{"the difference is gone", failure, profileFor(t, "", `{"case": "g/bad", "expect": "500 empty", "row": "r3"}`), resp(400, defaultBody), conformance.Stale, "got 400 json: the case passes, the difference is gone"},
		{"a difference excuses its case only", result, profileFor(t, "", `{"case": "g/bad", "expect": "200 empty", "row": "r3"}`), resp(200, ""), conformance.Fail, "want 204"},
		{"not observable", result, profileFor(t, conventions, `{"case": "g/ok", "expect": "200 empty", "row": "r4", "notObservable": true}`), resp(200, ""), conformance.NotObservable, "not observable over HTTP: 200 empty is the answer of a conforming implementation too; the difference (row r4) lies behind it"},
		{"not observable, but fails", result, profileFor(t, "", `{"case": "g/ok", "expect": "200 empty", "row": "r4", "notObservable": true}`), resp(200, ""), conformance.Stale, "the profile says the difference is not observable, but the case fails"},
		{"not observable, other answer", result, profileFor(t, conventions, `{"case": "g/ok", "expect": "200 empty", "row": "r4", "notObservable": true}`), resp(204, ""), conformance.Stale, "got 204 empty"},
		{"hang as stated", result, profileFor(t, "", `{"case": "g/ok", "expect": "hang", "row": "r5"}`), nil, conformance.KnownDifference, "hang, as profile test-impl states (row r5)"},
		{"hang without a difference", result, nil, nil, conformance.Fail, "the target fixed gave no answer"},
		{"hang stated, answer given", result, profileFor(t, "", `{"case": "g/ok", "expect": "hang", "row": "r5"}`), resp(204, ""), conformance.Stale, "states hang (row r5), which did not occur"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, err := conformance.RunCase(t.Context(), fixed{resp: tt.resp}, tt.c, conformance.Options{Profile: tt.profile})
			if err != nil {
				t.Fatal(err)
			}
			if o.Status != tt.want || !strings.Contains(o.Detail, tt.detail) {
				t.Errorf("got %s:\n%s\nwant %s with %q", o.Status, o.Detail, tt.want, tt.detail)
			}
		})
	}
}

// TestProfileUnused: a convention that excused no case is reported as stale.
func TestProfileUnused(t *testing.T) {
	p := profileFor(t, `"successWithoutTemplate": {"expect": "200 empty", "row": "r1"}, "errorBodyWithoutTemplate": {"expect": "empty", "row": "r2"}`)
	c := &conformance.Case{Name: "ok", Group: "g"}
	got := p.Unused([]conformance.Outcome{{Case: c, Status: conformance.KnownDifference, Convention: "successWithoutTemplate"}})
	want := []string{`profile test-impl: convention errorBodyWithoutTemplate ("empty", row r2) applied to no case: stale`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unused = %q, want %q", got, want)
	}
}

// TestProfileNamesUnknownCase: Execute refuses a profile that names a case the
// suite does not have, in a case file the run holds.
func TestProfileNamesUnknownCase(t *testing.T) {
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	p := profileFor(t, "", `{"case": "boolean-mode/no-such-case", "expect": "500", "row": "r"}`,
		`{"case": "other-file/some-case", "expect": "500", "row": "r"}`)
	_, err = conformance.Execute(t.Context(), conformance.Library{}, cases, conformance.Options{Profile: p})
	if err == nil || !strings.Contains(err.Error(), "boolean-mode/no-such-case is not a case of the suite") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "other-file") {
		t.Errorf("a group the run does not hold is not checked: %v", err)
	}
}
