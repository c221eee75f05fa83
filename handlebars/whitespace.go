package handlebars

import (
	"strings"
)

// whitespace applies Handlebars.js's whitespace control
// (compiler/whitespace-control.js) to a parsed program: ~ marks strip all
// white space on their side, and a block tag, {{else}} or comment alone on
// its line takes the line's indentation and newline with it.
type whitespace struct{ rootSeen bool }

// stripInfo is what a statement tells its program about itself.
type stripInfo struct {
	open, close                                       bool
	openStandalone, closeStandalone, inlineStandalone bool
}

func (w *whitespace) program(prog *program) {
	isRoot := !w.rootSeen
	w.rootSeen = true
	body := prog.body
	for i, cur := range body {
		var strip stripInfo
		switch s := cur.(type) {
		case *mustacheStmt:
			strip = stripInfo{open: s.strip.open, close: s.strip.close}
		case *commentStmt:
			strip = stripInfo{open: s.strip.open, close: s.strip.close, inlineStandalone: true}
		case *blockStmt:
			strip = w.block(s)
		default:
			continue
		}
		prevWS := isPrevWhitespace(body, i, isRoot)
		nextWS := isNextWhitespace(body, i, isRoot)
		openStandalone := strip.openStandalone && prevWS
		closeStandalone := strip.closeStandalone && nextWS
		inlineStandalone := strip.inlineStandalone && prevWS && nextWS
		if strip.close {
			omitRight(body, i+1, true)
		}
		if strip.open {
			omitLeft(body, i-1, true)
		}
		if inlineStandalone {
			omitRight(body, i+1, false)
			omitLeft(body, i-1, false)
		}
		if b, ok := cur.(*blockStmt); ok {
			if openStandalone {
				omitRight(b.program.body, 0, false)
				omitLeft(body, i-1, false)
			}
			if closeStandalone {
				omitRight(body, i+1, false)
				last := b.program
				if b.inverse != nil {
					last = b.inverse
				}
				omitLeft(last.body, len(last.body)-1, false)
			}
		}
	}
}

func (w *whitespace) block(b *blockStmt) stripInfo {
	w.program(b.program)
	if b.inverse != nil {
		w.program(b.inverse)
	}
	prog, inverse := b.program, b.inverse
	firstInverse, lastInverse := inverse, inverse
	if inverse != nil && inverse.chained {
		firstInverse = inverse.body[0].(*blockStmt).program
		// Handlebars.js walks the chain from the inverse program, which stops
		// at the first chained block's program.
		lastInverse = firstInverse
	}
	closeBody := prog.body
	if firstInverse != nil {
		closeBody = firstInverse.body
	}
	strip := stripInfo{
		open:            b.openStrip.open,
		close:           b.closeStrip.close,
		openStandalone:  isNextWhitespace(prog.body, -1, false),
		closeStandalone: isPrevWhitespace(closeBody, len(closeBody), false),
	}
	if b.openStrip.close {
		omitRight(prog.body, 0, true)
	}
	if inverse != nil {
		if b.inverseStrip.open {
			omitLeft(prog.body, len(prog.body)-1, true)
		}
		if b.inverseStrip.close {
			omitRight(firstInverse.body, 0, true)
		}
		if b.closeStrip.open {
			omitLeft(lastInverse.body, len(lastInverse.body)-1, true)
		}
		if isPrevWhitespace(prog.body, len(prog.body), false) && isNextWhitespace(firstInverse.body, -1, false) {
			omitLeft(prog.body, len(prog.body)-1, false)
			omitRight(firstInverse.body, 0, false)
		}
	} else if b.closeStrip.open {
		omitLeft(prog.body, len(prog.body)-1, true)
	}
	return strip
}

// isPrevWhitespace reports whether the statement before body[i] is text that
// ends a line with only white space after its last newline.
func isPrevWhitespace(body []statement, i int, isRoot bool) bool {
	if i-1 < 0 || i-1 >= len(body) {
		return isRoot
	}
	prev, ok := body[i-1].(*contentStmt)
	if !ok {
		return false
	}
	hasSibling := i-2 >= 0
	// /\r?\n\s*?$/, or for the first statement of the root /(^|\r?\n)\s*?$/.
	trimmed := strings.TrimRightFunc(prev.original, isJSSpace)
	tail := prev.original[len(trimmed):]
	if strings.Contains(tail, "\n") {
		return true
	}
	return !hasSibling && isRoot && trimmed == ""
}

// isNextWhitespace reports whether the statement after body[i] is text whose
// first line holds only white space.
func isNextWhitespace(body []statement, i int, isRoot bool) bool {
	if i+1 >= len(body) {
		return isRoot
	}
	next, ok := body[i+1].(*contentStmt)
	if !ok {
		return false
	}
	hasSibling := i+2 < len(body)
	// /^\s*?\r?\n/, or for the last statement of the root /^\s*?(\r?\n|$)/.
	trimmed := strings.TrimLeftFunc(next.original, isJSSpace)
	head := next.original[:len(next.original)-len(trimmed)]
	if strings.Contains(head, "\n") {
		return true
	}
	return !hasSibling && isRoot && trimmed == ""
}

// omitRight strips white space at the start of body[i] if it is text: all of
// it when multiple, else spaces and tabs up to and including one newline.
func omitRight(body []statement, i int, multiple bool) {
	if i < 0 || i >= len(body) {
		return
	}
	cur, ok := body[i].(*contentStmt)
	if !ok || (!multiple && cur.rightStripped) {
		return
	}
	orig := cur.value
	if multiple {
		cur.value = strings.TrimLeftFunc(cur.value, isJSSpace)
	} else {
		v := strings.TrimLeft(cur.value, " \t")
		v = strings.TrimPrefix(v, "\r")
		cur.value = strings.TrimPrefix(v, "\n")
	}
	cur.rightStripped = cur.value != orig
}

// omitLeft strips white space at the end of body[i] if it is text: all of it
// when multiple, else trailing spaces and tabs.
func omitLeft(body []statement, i int, multiple bool) {
	if i < 0 || i >= len(body) {
		return
	}
	cur, ok := body[i].(*contentStmt)
	if !ok || (!multiple && cur.leftStripped) {
		return
	}
	orig := cur.value
	if multiple {
		cur.value = strings.TrimRightFunc(cur.value, isJSSpace)
	} else {
		cur.value = strings.TrimRight(cur.value, " \t")
	}
	cur.leftStripped = cur.value != orig
}
