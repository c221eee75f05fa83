package parser

import (
	"hash/maphash"
	"math"

	"github.com/segsync/segsync/jsonscan"
	"github.com/segsync/segsync/jsonvalue"
)

// compileQuery builds the program's scan queries from its pointers: each set
// top-level pointer is a slot; each member array is an Each path whose elements
// carry the member-relative pointers; the respond query adds the parts of the
// payload the response template reads. It returns the error of a query the
// scanner cannot compile.
//
// The depth limit is the decoder's (jsonvalue caps it at MaxDepthCeiling). The
// scanner's value-length limit is set so that it never fires (no payload is longer
// than MaxBytes): a long value is judged by the collector, with MaxValueBytes on
// the decoded text, after the errors that come first.
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
	p.seed = maphash.MakeSeed()
	q, err := jsonscan.Compile(paths, p.scanOptions()...)
	if err != nil {
		return err
	}
	p.query = q
	p.respondQuery = q
	if p.template != nil {
		p.body = planBody(p.template)
		if p.respondQuery, err = jsonscan.Compile(append(paths, p.body.paths...), p.scanOptions()...); err != nil {
			return err
		}
	}
	return nil
}

func (p *Program) scanOptions() []jsonscan.Option {
	maxLen := int64(math.MaxInt)
	if p.limits.MaxBytes < maxLen {
		maxLen = p.limits.MaxBytes + 1
	}
	return []jsonscan.Option{
		jsonscan.WithMaxDepth(min(p.limits.MaxDepth, jsonvalue.MaxDepthCeiling)),
		jsonscan.WithMaxValueLen(int(maxLen)),
	}
}
