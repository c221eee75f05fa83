package memberlist_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/segsync/segsync/internal/captest"
	"github.com/segsync/segsync/memberlist"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The public manifests with a member list request: each compiles with no error.
func TestPublicManifests(t *testing.T) {
	has := func(m *spec.Manifest) bool {
		a := m.Capabilities.Approval
		return a != nil && a.MemberListRequest != nil
	}
	for key, m := range captest.OtherManifests(t, 5, has) {
		if _, err := memberlist.Compile(m); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

func compile(t testing.TB, opts ...parser.Option) *memberlist.Program {
	t.Helper()
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {"memberListRequest": {"endpoint": {},
	  "parser": {"memberArrayPath": "/result", "memberItems": {"email": "/email", "memberId": "/user_name"}}}}}}`))
	p, err := memberlist.Compile(m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParse(t *testing.T) {
	prog, two := compile(t), compile(t, parser.WithLimits(parser.Limits{MaxMembers: 2}))
	tests := []struct {
		name    string
		prog    *memberlist.Program
		body    string
		want    []memberlist.Member
		code    parser.Code
		pointer string
	}{
		{"members in order, duplicates kept", prog, `{"result": [{"email": "a@x.io", "user_name": "a"}, {"email": "b@x.io", "user_name": 2}, {"email": "a@x.io", "user_name": "a"}]}`,
			[]memberlist.Member{{"a@x.io", "a"}, {"b@x.io", "2"}, {"a@x.io", "a"}}, "", ""},
		{"an empty list", prog, `{"result": []}`, []memberlist.Member{}, "", ""},
		{"MaxMembers members", two, `{"result": [{"email": "a", "user_name": "a"}, {"email": "b", "user_name": "b"}]}`,
			[]memberlist.Member{{"a", "a"}, {"b", "b"}}, "", ""},
		{"past MaxMembers", two, `{"result": [{}, {}, {}]}`, nil, parser.CodeTooLarge, "/result"},
		{"no array", prog, `{}`, nil, parser.CodeMissing, "/result"},
		{"null array", prog, `{"result": null}`, nil, parser.CodeMissing, "/result"},
		{"not an array", prog, `{"result": {"email": "a"}}`, nil, parser.CodeWrongType, "/result"},
		{"email first", prog, `{"result": [{"email": "a", "user_name": "a"}, {}]}`, nil, parser.CodeMissing, "/result/1/email"},
		{"a member that is not an object", prog, `{"result": ["a@x.io"]}`, nil, parser.CodeMissing, "/result/0/email"},
		{"empty member ID", prog, `{"result": [{"email": "a", "user_name": ""}]}`, nil, parser.CodeInvalidValue, "/result/0/user_name"},
		{"boolean email", prog, `{"result": [{"email": false, "user_name": "a"}]}`, nil, parser.CodeWrongType, "/result/0/email"},
		{"invalid JSON anywhere beats the rules", prog, `{"result": [{}], "x": tru}`, nil, parser.CodeInvalidJSON, ""},
		{"the last repeated array wins", prog, `{"result": [{}], "result": [{"email": "e", "user_name": "u"}]}`, []memberlist.Member{{"e", "u"}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.prog.Parse([]byte(tt.body))
			if tt.code != "" {
				captest.WantError(t, got, err, tt.code, tt.pointer)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestCompileProblems(t *testing.T) {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"approval": {"memberListRequest": {"endpoint": {},
	  "parser": {"memberArrayPath": "result", "memberItems": {"email": "/email"}}}}}}`))
	_, err := memberlist.Compile(m)
	var ps spec.Problems
	if !errors.As(err, &ps) || len(ps) != 2 ||
		ps[0].Pointer != "/capabilities/approval/memberListRequest/parser/memberArrayPath" || ps[0].Code != spec.CodeInvalidPointer ||
		ps[1].Pointer != "/capabilities/approval/memberListRequest/parser/memberItems/memberId" || ps[1].Code != spec.CodeRequired {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"result": [{"email": "a", "user_name": 1}]}`, `{"result": [null, 1, "x", []]}`, `{"result": {}}`, `{"result": [{"email": "\u00e9"}`} {
		f.Add([]byte(s))
	}
	prog := compile(f, parser.WithLimits(parser.Limits{MaxMembers: 100}))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := prog.Parse(body)
		captest.WantParserError(t, err)
		captest.SameAsStream(t, body, got, err, prog.ParseReader)
		if err == nil && got == nil {
			t.Fatal("a nil list without an error")
		}
		for _, m := range got {
			if m.Email == "" || m.MemberID == "" {
				t.Fatalf("an empty text in %v", got)
			}
		}
	})
}
