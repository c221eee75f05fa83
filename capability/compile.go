package capability

import (
	"io"

	"github.com/segsync/segsync/approval"
	"github.com/segsync/segsync/dynamicoptions"
	"github.com/segsync/segsync/featurestore"
	"github.com/segsync/segsync/memberlist"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
	"github.com/segsync/segsync/trigger"
)

// Program is a compiled parser of any capability. Parse returns the
// capability's typed result: a *parser.Result, a *trigger.Event, an
// *approval.Result, a []memberlist.Member, a []dynamicoptions.Option or a
// *featurestore.Validation; its error is a *parser.Error for a payload that
// breaks a rule. A Program is immutable and safe for concurrent use.
type Program interface {
	// Parse parses a whole payload into the capability's typed result.
	Parse(body []byte) (any, error)
	// ParseReader is Parse over a stream, read through a fixed-size buffer; an
	// error reading r is a *parser.ReadError.
	ParseReader(r io.Reader) (any, error)
	// Warnings returns the problems found at compile time that did not stop
	// compilation. The caller must not modify the returned slice.
	Warnings() spec.Problems
}

// program adapts one package's Program.
type program[R any] struct {
	parse       func([]byte) (R, error)
	parseReader func(io.Reader) (R, error)
	warnings    spec.Problems
}

func (p program[R]) Parse(body []byte) (any, error) { return result(p.parse(body)) }

func (p program[R]) ParseReader(r io.Reader) (any, error) { return result(p.parseReader(r)) }

// result is a program's result as any: nil, not a typed nil, with an error.
func result[R any](r R, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (p program[R]) Warnings() spec.Problems { return p.warnings }

// Compile compiles the parser named name (see the package doc) with the options
// of parser.Compile. An unknown name is an error that is not spec.Problems;
// a parser that does not compile gives its spec.Problems.
func Compile(m *spec.Manifest, name string, opts ...parser.Option) (Program, error) {
	if err := Valid(name); err != nil {
		return nil, err
	}
	if r, ok := approvalRequest(name); ok {
		p, err := approval.Compile(m, r, opts...)
		return wrap(p, err, func(p *approval.Program) program[*approval.Result] {
			return program[*approval.Result]{p.Parse, p.ParseReader, p.Warnings()}
		})
	}
	if at, ok := FormVariable(name); ok {
		p, err := dynamicoptions.Compile(m, at, opts...)
		return wrap(p, err, func(p *dynamicoptions.Program) program[[]dynamicoptions.Option] {
			return program[[]dynamicoptions.Option]{p.Parse, p.ParseReader, p.Warnings()}
		})
	}
	switch name {
	case Trigger:
		p, err := trigger.Compile(m, opts...)
		return wrap(p, err, func(p *trigger.Program) program[*trigger.Event] {
			return program[*trigger.Event]{p.Parse, p.ParseReader, p.Warnings()}
		})
	case MemberList:
		p, err := memberlist.Compile(m, opts...)
		return wrap(p, err, func(p *memberlist.Program) program[[]memberlist.Member] {
			return program[[]memberlist.Member]{p.Parse, p.ParseReader, p.Warnings()}
		})
	case FeatureStore:
		p, err := featurestore.Compile(m, opts...)
		return wrap(p, err, func(p *featurestore.Program) program[*featurestore.Validation] {
			return program[*featurestore.Validation]{p.Parse, p.ParseReader, p.Warnings()}
		})
	}
	p, err := parser.Compile(m, opts...)
	return wrap(p, err, func(p *parser.Program) program[*parser.Result] {
		return program[*parser.Result]{p.Parse, p.ParseReader, p.Warnings()}
	})
}

// CompileJSON is Compile from manifest bytes, as parser.CompileJSON is for
// syncedSegment: text that is not a JSON object gives its spec.Problems, and a
// manifest's structural problems are reported with the parser's own.
func CompileJSON(manifest []byte, name string, opts ...parser.Option) (Program, error) {
	m, err := spec.ParseManifest(manifest)
	if m == nil {
		return nil, err
	}
	return Compile(m, name, opts...)
}

func wrap[P any, R any](p *P, err error, adapt func(*P) program[R]) (Program, error) {
	if err != nil {
		return nil, err
	}
	return adapt(p), nil
}
