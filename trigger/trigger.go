package trigger

import (
	"io"
	"regexp"

	"github.com/segsync/segsync/internal/extract"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// The schema's defaults.
const (
	// DefaultEventName is the event name when the manifest gives no
	// defaultEventName and the body none.
	DefaultEventName = "An alert"
	// DefaultTestEventNameRegexp tells test events when the manifest gives no
	// testEventNameRegexp.
	DefaultTestEventNameRegexp = ".*[Tt][Ee][Ss][Tt].*"
)

// Event is what a trigger body says.
type Event struct {
	// EventName is the event name read at parser.eventName, or the default
	// event name when the parser has no eventName, or it finds nothing, null
	// or "".
	EventName string `json:"eventName"`
	// Value is the metric value at parser.value, as text (a number keeps its
	// literal text); "" when absent (not set, nothing found, null or "").
	Value string `json:"value,omitempty"`
	// URL is the alert URL at parser.url; "" when absent (not set, nothing
	// found, null or "").
	URL string `json:"url,omitempty"`
	// IsTest reports whether the event name read from the body (not the
	// default) matches testEventNameRegexp.
	IsTest bool `json:"isTest"`
}

// Program is a compiled trigger capability. A Program is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	reader      *extract.Reader
	defaultName string
	test        *regexp.Regexp
	warnings    spec.Problems
}

// The fields of the parser, in the order errors are reported.
const (
	slotEventName = iota
	slotValue
	slotURL
	numSlots
)

// At returns the manifest pointer of the trigger capability,
// /capabilities/trigger.
func At() jsonpath.Pointer { return jsonpath.New("capabilities", "trigger") }

// Compile checks a manifest's trigger capability and prepares a Program. When
// any rule is broken it returns a nil Program and spec.Problems listing every
// problem (the structural ones of the capability included), sorted by pointer.
func Compile(m *spec.Manifest, opts ...parser.Option) (*Program, error) {
	at := At()
	ps, limits, err := extract.Start(m, at, opts)
	if err != nil {
		return nil, err
	}
	t := m.Capabilities.Trigger
	if t == nil {
		ps.Required(at, "the trigger capability")
		return extract.Fail[Program](ps)
	}
	p := &Program{defaultName: DefaultEventName}
	if t.DefaultEventName != nil {
		p.defaultName = *t.DefaultEventName
	}
	testSrc, testAt := DefaultTestEventNameRegexp, at.Append("testEventNameRegexp")
	if t.TestEventNameRegexp != nil {
		testSrc = *t.TestEventNameRegexp
	}
	p.test = ps.Matcher(testSrc, testAt)
	top := make([]extract.Field, numSlots)
	top[slotEventName].Name, top[slotValue].Name, top[slotURL].Name = "eventName", "value", "url"
	pat := at.Append("parser")
	if tp := t.Parser; tp != nil {
		top[slotEventName] = extract.Pointer(ps, tp.EventName, pat.Append("eventName"), "eventName")
		top[slotValue] = extract.Pointer(ps, tp.Value, pat.Append("value"), "value")
		top[slotURL] = extract.Pointer(ps, tp.URL, pat.Append("url"), "url")
	}
	p.reader = extract.Build(ps, pat, top, nil, limits)
	return extract.Done(ps, p, &p.warnings)
}

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }

// Limits returns the body limits in force, defaults filled in.
func (p *Program) Limits() parser.Limits { return p.reader.Limits() }

// Parse reads one trigger body. An empty body (no bytes, or only JSON white
// space) is allowed and gives the defaults. Otherwise the body must be JSON; the
// event name and the value are text values (a string, or a number as its
// literal text), the URL a string. A value of another type is wrong_type at its
// pointer; an error is a *parser.Error naming the first offending place in the
// order eventName, value, url.
func (p *Program) Parse(body []byte) (*Event, error) { return p.parse(extract.Bytes(body)) }

// ParseReader is Parse over a stream, read to its end (or past the byte limit)
// through a fixed-size buffer. An error reading r is not a body error:
// ParseReader returns it wrapped in a *parser.ReadError.
func (p *Program) ParseReader(r io.Reader) (*Event, error) { return p.parse(extract.Stream(r)) }

func (p *Program) parse(src extract.Source) (*Event, error) {
	vals, err := p.reader.Read(src, true)
	if err != nil {
		return nil, err
	}
	if vals == nil { // a blank body
		return &Event{EventName: p.defaultName}, nil
	}
	var texts [numSlots]string
	for slot, f := range p.reader.Fields() {
		v := vals.Top[slot]
		if v.EmptyString() {
			continue // "" counts as absent in a trigger body
		}
		var err *parser.Error
		if slot == slotURL {
			texts[slot], err = p.reader.String(v, f, f.Ptr, false)
		} else {
			texts[slot], err = p.reader.Text(v, f, f.Ptr, false)
		}
		if err != nil {
			return nil, err
		}
	}
	ev := &Event{EventName: texts[slotEventName], Value: texts[slotValue], URL: texts[slotURL]}
	if ev.EventName != "" {
		ev.IsTest = p.test.MatchString(ev.EventName)
	} else {
		ev.EventName = p.defaultName
	}
	return ev, nil
}
