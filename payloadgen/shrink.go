package payloadgen

// Shrink returns a smaller payload for which keep still holds, and how many
// candidates it tried: it removes object members and array elements one at a
// time, and shortens long strings, keeping each change that keep accepts, until
// no change is accepted or budget candidates were tried. keep must hold for p;
// p itself is not changed.
func (p *Payload) Shrink(keep func(*Payload) bool, budget int) (*Payload, int) {
	best := p.clone()
	tried := 0
	for progress := true; progress && tried < budget; {
		progress = false
		for i := 0; tried < budget; i++ {
			cand := best.clone()
			if !cand.root.edit(i) {
				break // no edit i: a pass over the tree is done
			}
			tried++
			if keep(cand) {
				best, progress = cand, true
				i-- // the same index now names the next place
			}
		}
	}
	return best, tried
}

// edit applies the i-th smaller edit of the tree, in document order (a
// container's removals before its children's), and reports whether there is
// one.
func (n *node) edit(i int) bool {
	_, ok := n.editAt(&i)
	return ok
}

// editAt counts *i down over the edits below n and applies the one it reaches.
func (n *node) editAt(i *int) (done, ok bool) {
	switch n.kind {
	case kindObject:
		for j := range n.members {
			if *i == 0 {
				n.members = append(n.members[:j:j], n.members[j+1:]...)
				return true, true
			}
			*i--
		}
		for _, m := range n.members {
			if done, ok := m.val.editAt(i); done {
				return done, ok
			}
		}
	case kindArray:
		for j := range n.elems {
			if *i == 0 {
				n.elems = append(n.elems[:j:j], n.elems[j+1:]...)
				return true, true
			}
			*i--
		}
		for _, e := range n.elems {
			if done, ok := e.editAt(i); done {
				return done, ok
			}
		}
	case kindLeaf:
		if len(n.raw) > 16 && n.raw[0] == '"' {
			if *i == 0 {
				n.raw = []byte(`"x"`)
				return true, true
			}
			*i--
		}
	}
	return false, false
}
