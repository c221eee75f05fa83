package approval

import (
	"io"
	"maps"

	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/parser"
)

// Parse reads one response and renders the urlTemplate with no variables but
// the parsed approval ID: ParseWith(body, nil).
func (p *Program) Parse(body []byte) (*Result, error) { return p.ParseWith(body, nil) }

// ParseWith reads one response. The approval ID (when the parser has
// approvalId) and the status value are required text values (SEMANTICS §4; a
// status value that is a boolean is matched as its JSON text too), the status
// display an optional one; an error is a *parser.Error naming the first
// offending place in the order approvalId, statusValue, statusDisplay.
//
// The status is approved when the approvalMatcher matches the status value,
// else rejected when the rejectionMatcher does, else pending; both search the
// value unanchored, as JavaScript's RegExp.test does.
//
// The urlTemplate is rendered with vars as its context (the integration's form
// variables and the other values the framework supplies, such as "oauth" or
// "environment"; JSON-like Go values, see handlebars.Template.Render), to which
// ParseWith adds context.approvalId, the parsed approval ID, when the parser
// reads one; vars is not modified. A template that fails to render (a helper's
// error, a limit) gives a *parser.Error with code internal (500) and field
// urlTemplate, wrapping the *handlebars.RenderError.
func (p *Program) ParseWith(body []byte, vars map[string]any) (*Result, error) {
	return p.parse(extract.Bytes(body), vars)
}

// ParseReader is Parse over a stream, read to its end (or past the byte limit)
// through a fixed-size buffer. An error reading r is not a response error:
// ParseReader returns it wrapped in a *parser.ReadError.
func (p *Program) ParseReader(r io.Reader) (*Result, error) { return p.parse(extract.Stream(r), nil) }

// ParseReaderWith is ParseWith over a stream, as ParseReader reads it.
func (p *Program) ParseReaderWith(r io.Reader, vars map[string]any) (*Result, error) {
	return p.parse(extract.Stream(r), vars)
}

func (p *Program) parse(src extract.Source, vars map[string]any) (*Result, error) {
	vals, err := p.reader.Read(src, false)
	if err != nil {
		return nil, err
	}
	fields := p.reader.Fields()
	var texts [numSlots]string
	for slot, f := range fields {
		var err *parser.Error
		if slot == slotStatusValue {
			texts[slot], err = p.reader.Matchable(vals.Top[slot], f, f.Ptr, true)
		} else {
			texts[slot], err = p.reader.Text(vals.Top[slot], f, f.Ptr, f.Set && slot == slotApprovalID)
		}
		if err != nil {
			return nil, err
		}
	}
	res := &Result{ApprovalID: texts[slotApprovalID], StatusValue: texts[slotStatusValue], StatusDisplay: texts[slotStatusDisplay], Status: Pending}
	switch {
	case p.approve.MatchString(res.StatusValue):
		res.Status = Approved
	case p.reject != nil && p.reject.MatchString(res.StatusValue):
		res.Status = Rejected
	}
	if p.urlTmpl != nil {
		url, err := p.urlTmpl.Render(p.urlContext(vars, res.ApprovalID))
		if err != nil {
			e := extract.Errorf(parser.CodeInternal, "", "urlTemplate", "the urlTemplate failed to render: %v", err)
			e.Err = err
			return nil, e
		}
		res.URL = url
	}
	return res, nil
}

// urlContext returns the urlTemplate's context: vars, with context.approvalId
// set to id when the parser reads an approval ID.
func (p *Program) urlContext(vars map[string]any, id string) map[string]any {
	data := maps.Clone(vars)
	if data == nil {
		data = map[string]any{}
	}
	if p.readsID {
		ctx := map[string]any{}
		if given, ok := data["context"].(map[string]any); ok {
			ctx = maps.Clone(given)
		}
		ctx["approvalId"] = id
		data["context"] = ctx
	}
	return data
}
