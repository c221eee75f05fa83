package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// BodyShape is the kind of body a response carries, as profiles name it: what
// can be told from the outside without comparing content.
type BodyShape string

// The body shapes. A profile that names no shape accepts any body.
const (
	// BodyAny accepts every body.
	BodyAny BodyShape = ""
	// BodyEmpty is no body, or only white space.
	BodyEmpty BodyShape = "empty"
	// BodyJSON is one valid JSON document.
	BodyJSON BodyShape = "json"
	// BodyHTML is an HTML page (it starts with "<" and has an html element or a
	// doctype).
	BodyHTML BodyShape = "html"
	// BodyText is any other non-empty body.
	BodyText BodyShape = "text"
)

// ShapeOf classifies a response body.
func ShapeOf(body []byte) BodyShape {
	trimmed := bytes.TrimSpace(body)
	lower := bytes.ToLower(trimmed)
	switch {
	case len(trimmed) == 0:
		return BodyEmpty
	case json.Valid(trimmed):
		return BodyJSON
	case lower[0] == '<' && (bytes.Contains(lower, []byte("<html")) || bytes.HasPrefix(lower, []byte("<!doctype html"))):
		return BodyHTML
	}
	return BodyText
}

func parseShape(s string) (BodyShape, bool) {
	switch sh := BodyShape(s); sh {
	case BodyEmpty, BodyJSON, BodyHTML, BodyText:
		return sh, true
	}
	return "", false
}

// Behaviour is what an implementation answers to one case over HTTP, as a
// profile states it: a status and the shape of the body, or no answer at all
// within the case's deadline. Its text form is "hang", "STATUS" (any body) or
// "STATUS SHAPE", such as "200 empty", "400 html" or "500".
type Behaviour struct {
	// Hang is no answer within the per-case deadline; Status and Body are then
	// zero.
	Hang bool
	// Status is the HTTP status.
	Status int
	// Body is the body's shape; BodyAny accepts every body.
	Body BodyShape
}

// ParseBehaviour parses the text form of a Behaviour.
func ParseBehaviour(s string) (Behaviour, error) {
	if s == "hang" {
		return Behaviour{Hang: true}, nil
	}
	status, shape, hasShape := strings.Cut(s, " ")
	n, err := strconv.Atoi(status)
	if err != nil || n < 100 || n > 599 || status != strconv.Itoa(n) {
		return Behaviour{}, fmt.Errorf("behaviour %q: want \"hang\", \"STATUS\" or \"STATUS SHAPE\" with an HTTP status", s)
	}
	b := Behaviour{Status: n}
	if hasShape {
		sh, ok := parseShape(shape)
		if !ok {
			return Behaviour{}, fmt.Errorf("behaviour %q: the body shape is one of empty, json, html, text", s)
		}
		b.Body = sh
	}
	return b, nil
}

// String returns the text form that ParseBehaviour reads.
func (b Behaviour) String() string {
	switch {
	case b.Hang:
		return "hang"
	case b.Body == BodyAny:
		return strconv.Itoa(b.Status)
	}
	return strconv.Itoa(b.Status) + " " + string(b.Body)
}

// MarshalText encodes the text form.
func (b Behaviour) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText decodes the text form.
func (b *Behaviour) UnmarshalText(text []byte) error {
	v, err := ParseBehaviour(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// matches reports whether a response (nil for no answer) shows the behaviour.
func (b Behaviour) matches(resp *ObservedResponse) bool {
	if resp == nil {
		return b.Hang
	}
	return !b.Hang && resp.Status == b.Status && (b.Body == BodyAny || ShapeOf(resp.Body) == b.Body)
}

// describe says what a response (nil for no answer) was, in the words of a
// Behaviour.
func describe(resp *ObservedResponse) string {
	if resp == nil {
		return "no answer (hang)"
	}
	return Behaviour{Status: resp.Status, Body: ShapeOf(resp.Body)}.String()
}
