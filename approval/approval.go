package approval

import (
	"regexp"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Request names one of the approval capability's requests whose response an
// approval parser reads.
type Request int

// The requests.
const (
	Creation  Request = iota + 1 // creationRequest
	Status                       // statusRequest
	PostApply                    // postApplyRequest
	Deletion                     // deletionRequest
)

// Requests returns the requests in the schema's order, in a new slice.
func Requests() []Request { return []Request{Creation, Status, PostApply, Deletion} }

// String returns the request's manifest name, such as "creationRequest".
func (r Request) String() string {
	switch r {
	case Creation:
		return "creationRequest"
	case Status:
		return "statusRequest"
	case PostApply:
		return "postApplyRequest"
	case Deletion:
		return "deletionRequest"
	}
	return "unknown"
}

// At returns the manifest pointer of the request, for example
// /capabilities/approval/creationRequest.
func (r Request) At() jsonpath.Pointer { return jsonpath.New("capabilities", "approval", r.String()) }

// request returns the manifest's request r, or nil.
func (r Request) request(a *spec.Approval) *spec.ApprovalRequest {
	switch r {
	case Creation:
		return a.CreationRequest
	case Status:
		return a.StatusRequest
	case PostApply:
		return a.PostApplyRequest
	case Deletion:
		return a.DeletionRequest
	}
	return nil
}

// State is the status the matchers decide.
type State string

// The states.
const (
	Approved State = "approved" // the approvalMatcher matches the status value
	Rejected State = "rejected" // the rejectionMatcher matches it, and the approvalMatcher does not
	Pending  State = "pending"  // neither matches
)

// Result is what an approval response says.
type Result struct {
	// ApprovalID is the text at approvalId; "" when the parser has none.
	ApprovalID string `json:"approvalId,omitempty"`
	// StatusValue is the text at statusValue (a number or boolean as its JSON
	// text), which the matchers ran on.
	StatusValue string `json:"statusValue"`
	// StatusDisplay is the text at statusDisplay; "" when the parser has none
	// or the response has no value there.
	StatusDisplay string `json:"statusDisplay,omitempty"`
	// Status is approved, rejected or pending.
	Status State `json:"status"`
	// URL is the rendered urlTemplate; "" when the parser has none.
	URL string `json:"url,omitempty"`
}

// Program is a compiled approval parser. A Program is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	request  Request
	reader   *extract.Reader
	approve  *regexp.Regexp
	reject   *regexp.Regexp // nil when the parser has no rejectionMatcher
	urlTmpl  *handlebars.Template
	readsID  bool
	warnings spec.Problems
}

// The fields of the parser, in the order errors are reported.
const (
	slotApprovalID = iota
	slotStatusValue
	slotStatusDisplay
	numSlots
)

// Compile checks the parser of one approval request and prepares a Program.
// When any rule is broken it returns a nil Program and spec.Problems listing
// every problem (the structural ones of the request included), sorted by
// pointer. The request's jsonBody template is parsed too, since a manifest
// that holds a broken one is broken, though a Program does not render it.
func Compile(m *spec.Manifest, r Request, opts ...parser.Option) (*Program, error) {
	at := r.At()
	ps, limits, err := extract.Start(m, at, opts)
	if err != nil {
		return nil, err
	}
	var req *spec.ApprovalRequest
	if a := m.Capabilities.Approval; a == nil {
		ps.Required(jsonpath.New("capabilities", "approval"), "the approval capability")
	} else if req = r.request(a); req == nil {
		ps.Required(at, "approval."+r.String())
	}
	if req == nil {
		return extract.Fail[Program](ps)
	}
	if req.JSONBody != nil {
		ps.Template(*req.JSONBody, at.Append("jsonBody"), "jsonBody")
	}
	pat := at.Append("parser")
	pp := req.Parser
	if pp == nil {
		ps.Required(pat, "approval."+r.String()+".parser")
		return extract.Fail[Program](ps)
	}
	p := &Program{request: r}
	top := []extract.Field{
		slotApprovalID:    extract.Pointer(ps, pp.ApprovalID, pat.Append("approvalId"), "approvalId"),
		slotStatusValue:   extract.Pointer(ps, pp.StatusValue, pat.Append("statusValue"), "statusValue"),
		slotStatusDisplay: extract.Pointer(ps, pp.StatusDisplay, pat.Append("statusDisplay"), "statusDisplay"),
	}
	p.readsID = top[slotApprovalID].Set
	if pp.StatusValue == nil {
		ps.Required(pat.Append("statusValue"), "statusValue")
	}
	if pp.ApprovalMatcher == nil {
		ps.Required(pat.Append("approvalMatcher"), "approvalMatcher")
	} else {
		p.approve = ps.Matcher(*pp.ApprovalMatcher, pat.Append("approvalMatcher"))
	}
	if pp.RejectionMatcher != nil {
		p.reject = ps.Matcher(*pp.RejectionMatcher, pat.Append("rejectionMatcher"))
	}
	if pp.URLTemplate != nil {
		p.urlTmpl = ps.Template(*pp.URLTemplate, pat.Append("urlTemplate"), "urlTemplate")
	}
	p.reader = extract.Build(ps, pat, top, nil, limits)
	if ps.List.Err() == nil {
		lintMatchers(ps, pat, p.approve, p.reject)
	}
	return extract.Done(ps, p, &p.warnings)
}

// Request returns the request the program parses the response of.
func (p *Program) Request() Request { return p.request }

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }

// Limits returns the response limits in force, defaults filled in.
func (p *Program) Limits() parser.Limits { return p.reader.Limits() }
