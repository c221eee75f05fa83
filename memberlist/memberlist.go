package memberlist

import (
	"io"

	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Member is one member of the partner's list.
type Member struct {
	Email    string `json:"email"`
	MemberID string `json:"memberId"`
}

// Program is a compiled member list parser. A Program is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	reader   *extract.Reader
	warnings spec.Problems
}

// At returns the manifest pointer of the member list request,
// /capabilities/approval/memberListRequest.
func At() jsonpath.Pointer { return jsonpath.New("capabilities", "approval", "memberListRequest") }

// Compile checks the manifest's approval.memberListRequest and prepares a
// Program. When any rule is broken it returns a nil Program and spec.Problems
// listing every problem, sorted by pointer. The request's jsonBody template is
// parsed too.
func Compile(m *spec.Manifest, opts ...parser.Option) (*Program, error) {
	at := At()
	ps, limits, err := extract.Start(m, at, opts)
	if err != nil {
		return nil, err
	}
	var req *spec.MemberListRequest
	if a := m.Capabilities.Approval; a == nil {
		ps.Required(jsonpath.New("capabilities", "approval"), "the approval capability")
	} else if req = a.MemberListRequest; req == nil {
		ps.Required(at, "approval.memberListRequest")
	}
	if req == nil {
		return extract.Fail[Program](ps)
	}
	if req.JSONBody != nil {
		ps.Template(*req.JSONBody, at.Append("jsonBody"), "jsonBody")
	}
	pat := at.Append("parser")
	if req.Parser == nil {
		ps.Required(pat, "approval.memberListRequest.parser")
		return extract.Fail[Program](ps)
	}
	lp := extract.ListParser{
		At:    pat,
		Array: extract.Named{Name: "memberArrayPath", Text: req.Parser.MemberArrayPath},
		Items: "memberItems",
		Item:  []extract.Named{{Name: "email"}, {Name: "memberId"}},
	}
	if items := req.Parser.MemberItems; items != nil {
		lp.Set, lp.Item[0].Text, lp.Item[1].Text = true, items.Email, items.MemberID
	}
	p := &Program{reader: extract.CompileList(ps, lp, limits)}
	return extract.Done(ps, p, &p.warnings)
}

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }

// Limits returns the response limits in force, defaults filled in.
func (p *Program) Limits() parser.Limits { return p.reader.Limits() }

// Parse reads one member list response. The value at memberArrayPath must be an
// array (absent or null is missing, another type wrong_type); each element's
// email and member ID are required text values (SEMANTICS §4), judged in array
// order, email first. An element that is not an object has neither: missing at
// its email's pointer. Every element gives one Member, in order, duplicates
// included; an empty array gives an empty, non-nil list.
func (p *Program) Parse(body []byte) ([]Member, error) {
	return extract.ParseRows(p.reader, extract.Bytes(body), func(row []string) Member { return Member{Email: row[0], MemberID: row[1]} })
}

// ParseReader is Parse over a stream, read to its end (or past the byte limit)
// through a fixed-size buffer. An error reading r is not a response error:
// ParseReader returns it wrapped in a *parser.ReadError.
func (p *Program) ParseReader(r io.Reader) ([]Member, error) {
	return extract.ParseRows(p.reader, extract.Stream(r), func(row []string) Member { return Member{Email: row[0], MemberID: row[1]} })
}
