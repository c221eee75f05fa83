package approval_test

import (
	"errors"
	"testing"

	"github.com/segsync/segsync/approval"
	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The public manifests with approvals: each of the 24 parsers compiles with no
// error.
func TestPublicManifests(t *testing.T) {
	for key, m := range captest.OtherManifests(t, 6, func(m *spec.Manifest) bool { return m.Capabilities.Approval != nil }) {
		for _, r := range approval.Requests() {
			if _, err := approval.Compile(m, r); err != nil {
				t.Errorf("%s %s: %v", key, r, err)
			}
		}
	}
}

// A manifest shaped like the ServiceNow change-request integrations: the state
// is a number, "-1" approves and "4" rejects.
const changeManifest = `{"capabilities": {"approval": {
  "creationRequest": {"endpoint": {}, "parser": {"approvalId": "/result/sys_id/value", "statusValue": "/result/state/value",
    "statusDisplay": "/result/state/display_value", "approvalMatcher": "^-1", "rejectionMatcher": "^4",
    "urlTemplate": "{{oauth.baseURI}}/change_request.do?sys_id={{queryEncode context.approvalId}}"}},
  "statusRequest": {"endpoint": {}, "parser": {"statusValue": "/result/state/value", "approvalMatcher": "^-1", "rejectionMatcher": "^4"}},
  "postApplyRequest": {"endpoint": {}, "parser": {"statusValue": "/ok", "approvalMatcher": "^true$"}},
  "deletionRequest": {"endpoint": {}, "parser": {"statusValue": "/state", "approvalMatcher": "^closed$", "rejectionMatcher": "^cancel"}}
}}}`

func compile(t testing.TB, r approval.Request, opts ...parser.Option) *approval.Program {
	t.Helper()
	m, _ := spec.ParseManifest([]byte(changeManifest))
	p, err := approval.Compile(m, r, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParse(t *testing.T) {
	creation, status := compile(t, approval.Creation), compile(t, approval.Status)
	postApply, deletion := compile(t, approval.PostApply), compile(t, approval.Deletion)
	vars := map[string]any{"oauth": map[string]any{"baseURI": "https://acme.example.com"}}
	tests := []struct {
		name    string
		prog    *approval.Program
		body    string
		want    approval.Result
		code    parser.Code
		pointer string
	}{
		{"created, pending", creation, `{"result": {"sys_id": {"value": "a1 b2"}, "state": {"value": "-5", "display_value": "New"}}}`,
			approval.Result{ApprovalID: "a1 b2", StatusValue: "-5", StatusDisplay: "New", Status: approval.Pending,
				URL: "https://acme.example.com/change_request.do?sys_id=a1%20b2"}, "", ""},
		{"a number status value keeps its text", status, `{"result": {"state": {"value": -1}}}`,
			approval.Result{StatusValue: "-1", Status: approval.Approved}, "", ""},
		{"rejected", status, `{"result": {"state": {"value": "4"}}}`, approval.Result{StatusValue: "4", Status: approval.Rejected}, "", ""},
		{"a boolean status value is matched as its JSON text", postApply, `{"ok": true}`,
			approval.Result{StatusValue: "true", Status: approval.Approved}, "", ""},
		{"false is pending without a rejection matcher", postApply, `{"ok": false}`,
			approval.Result{StatusValue: "false", Status: approval.Pending}, "", ""},
		{"unanchored rejection matcher", deletion, `{"state": "cancelled"}`, approval.Result{StatusValue: "cancelled", Status: approval.Rejected}, "", ""},
		{"approval matcher wins", deletion, `{"state": "closed"}`, approval.Result{StatusValue: "closed", Status: approval.Approved}, "", ""},
		{"missing status", status, `{"result": {}}`, approval.Result{}, parser.CodeMissing, "/result/state/value"},
		{"null status is missing", status, `{"result": {"state": {"value": null}}}`, approval.Result{}, parser.CodeMissing, "/result/state/value"},
		{"empty status", status, `{"result": {"state": {"value": ""}}}`, approval.Result{}, parser.CodeInvalidValue, "/result/state/value"},
		{"object status", status, `{"result": {"state": {"value": {}}}}`, approval.Result{}, parser.CodeWrongType, "/result/state/value"},
		{"missing approval ID comes first", creation, `{"result": {"state": {"value": []}}}`, approval.Result{}, parser.CodeMissing, "/result/sys_id/value"},
		{"display of the wrong type", creation, `{"result": {"sys_id": {"value": "x"}, "state": {"value": "1", "display_value": true}}}`,
			approval.Result{}, parser.CodeWrongType, "/result/state/display_value"},
		{"not JSON", status, `{"result"`, approval.Result{}, parser.CodeInvalidJSON, ""},
		{"an empty body is not JSON", status, ``, approval.Result{}, parser.CodeInvalidJSON, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.prog.ParseWith([]byte(tt.body), vars)
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, tt.pointer)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got != tt.want {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
	if vars["context"] != nil {
		t.Error("ParseWith modified vars")
	}
}

func TestLints(t *testing.T) {
	build := func(approve, reject string) string {
		p := `{"statusValue": "/s", "approvalMatcher": ` + approve
		if reject != "" {
			p += `, "rejectionMatcher": ` + reject
		}
		p += "}"
		r := `{"endpoint": {}, "parser": ` + p + `}`
		return `{"capabilities": {"approval": {"creationRequest": ` + r + `, "statusRequest": ` + r + `, "postApplyRequest": ` + r + `, "deletionRequest": ` + r + `}}}`
	}
	tests := []struct {
		name, approve, reject string
		want                  []spec.Code
	}{
		{"anchored matchers", `"^approved$"`, `"^rejected$"`, nil},
		{"numbers", `"^-1"`, `"^4"`, nil},
		{"unanchored approval", `"approved"`, `"^rejected$"`, []spec.Code{spec.CodeMatcherMatchesOpposite}},
		{"unanchored both", `"approved"`, `"declined"`, []spec.Code{spec.CodeMatcherMatchesOpposite, spec.CodeMatcherMatchesOpposite}},
		{"the same matcher twice", `"^x$"`, `"^x$"`, []spec.Code{spec.CodeMatchersOverlap}},
		{"overlapping alternatives", `"^(approved|done)$"`, `"^(done|rejected)$"`, []spec.Code{spec.CodeMatchersOverlap}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := spec.ParseManifest([]byte(build(tt.approve, tt.reject)))
			p, err := approval.Compile(m, approval.Creation)
			if err != nil {
				t.Fatal(err)
			}
			var got []spec.Code
			for _, w := range p.Warnings() {
				got = append(got, w.Code)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", p.Warnings(), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestCompileProblems(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {
	  "creationRequest": {"endpoint": {}, "jsonBody": "{{#if x}}", "parser": {"statusValue": "status", "approvalMatcher": "(?=a)", "urlTemplate": "{{> p}}", "approvalID": "/id"}},
	  "statusRequest": {"endpoint": {}}}}}`))
	want := map[string]spec.Code{
		"/capabilities/approval/creationRequest/jsonBody":               spec.CodeInvalidTemplate,
		"/capabilities/approval/creationRequest/parser/statusValue":     spec.CodeInvalidPointer,
		"/capabilities/approval/creationRequest/parser/approvalMatcher": spec.CodeInvalidMatcher,
		"/capabilities/approval/creationRequest/parser/urlTemplate":     spec.CodeInvalidTemplate,
		"/capabilities/approval/creationRequest/parser/approvalID":      spec.CodeUnknownProperty,
	}
	_, err := approval.Compile(m, approval.Creation)
	var ps spec.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v", err)
	}
	if len(ps) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	for _, p := range ps {
		if want[p.Pointer] != p.Code {
			t.Errorf("unexpected %s at %s", p.Code, p.Pointer)
		}
	}
	_, err = approval.Compile(m, approval.Status)
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != spec.CodeRequired || ps[0].Pointer != "/capabilities/approval/statusRequest/parser" {
		t.Errorf("a request without a parser: got %v", err)
	}
	_, err = approval.Compile(m, approval.Deletion)
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Pointer != "/capabilities/approval/deletionRequest" {
		t.Errorf("a missing request: got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"result": {"sys_id": {"value": "a"}, "state": {"value": -1, "display_value": "x"}}}`,
		`{"result": {"state": {"value": "4"}}}`, `{"result": null}`, `{"result": {"sys_id": {"value": "\u0000"}, "state": {"value": true}}}`, `[`} {
		f.Add([]byte(s))
	}
	prog := compile(f, approval.Creation)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := prog.Parse(body)
		captest.WantParserError(t, err)
		captest.SameAsStream(t, body, res, err, prog.ParseReader)
		if err == nil && res.Status != approval.Approved && res.Status != approval.Rejected && res.Status != approval.Pending {
			t.Fatalf("status %q", res.Status)
		}
	})
}
