package parser

import (
	"hash/maphash"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonvalue"
)

// compileQuery builds the program's scan queries from its pointers: each set
// top-level pointer is a slot; each member array is an Each path whose elements
// carry the member-relative pointers; the respond query adds the parts of the
// payload the response template reads. It returns the error of a query the
// scanner cannot compile.
//
// The depth limit is the decoder's (jsonvalue caps it at MaxDepthCeiling). The
// scanner holds a value the program reads while its JSON text could be at most
// MaxValueBytes long once unescaped (an escape is at most 6 bytes of JSON text per
// byte of text), and a part of the payload the template reads while it is within
// the capture budget; longer ones are validated without being held, and the
// collector judges them with the rules, in their order.
func (p *Program) compileQuery() error {
	var paths []jsonscan.Path
	for slot, pa := range p.top {
		if pa.set {
			paths = append(paths, jsonscan.Path{Tokens: pa.ptr.Tokens(), Slot: slot})
		}
	}
	for i, pa := range p.arrays {
		var elems []jsonscan.Path
		for slot, mp := range p.member {
			if mp.set {
				elems = append(elems, jsonscan.Path{Tokens: mp.ptr.Tokens(), Slot: slotMember + i*numMember + slot})
			}
		}
		paths = append(paths, jsonscan.Path{Tokens: pa.ptr.Tokens(), Slot: slotArray + i, Each: true, Elements: elems})
	}
	p.overrides = p.member[memberCohortID].set || p.member[memberCohortName].set
	p.actionWords, p.actionWordsOK = actionWords(p.matcher)
	p.seed = maphash.MakeSeed()
	q, err := jsonscan.Compile(paths, p.scanOptions()...)
	if err != nil {
		return err
	}
	p.query = q
	p.respondQuery = q
	if p.template != nil {
		p.body = planBody(p.template)
		for i := range p.body.paths {
			p.body.paths[i].MaxLen = p.limits.MaxCaptureBytes
		}
		if p.respondQuery, err = jsonscan.Compile(append(paths, p.body.paths...), p.scanOptions()...); err != nil {
			return err
		}
	}
	return nil
}

func (p *Program) scanOptions() []jsonscan.Option {
	return []jsonscan.Option{
		jsonscan.WithMaxDepth(min(p.limits.MaxDepth, jsonvalue.MaxDepthCeiling)),
		jsonscan.WithMaxValueLen(jsonscan.TextLen(p.limits.MaxValueBytes)),
	}
}
