package extract

import "github.com/segsync/segsync/internal/jsonscan"

// handler keeps the values a scan delivers: the top-level ones, and for the
// list the items of each element, up to parser.Limits.MaxMembers elements
// (past which it counts without holding).
type handler struct {
	r     *Reader
	vals  *Values
	cur   *Element // the element being read, nil between elements
	count int      // elements seen of the current array
}

func value(kind jsonscan.Kind, text []byte) Value {
	v := Value{Kind: kind, Len: int64(len(text))}
	if kind == jsonscan.String || kind == jsonscan.Number {
		v.Text = string(text)
	}
	return v
}

// set stores v for slot, wherever the slot belongs.
func (h *handler) set(slot int, v Value) {
	switch a := h.r.arraySlot(); {
	case slot < a:
		h.vals.Top[slot] = v
	case slot == a:
		h.vals.Array = v
	case h.cur != nil:
		h.cur.Items[slot-a-1] = v
	}
}

func (h *handler) Capture(slot int, kind jsonscan.Kind, text []byte) error {
	h.set(slot, value(kind, text))
	return nil
}

func (h *handler) Overflow(slot int, kind jsonscan.Kind, n int64) error {
	h.set(slot, Value{Kind: kind, Len: n})
	return nil
}

func (h *handler) Reset(slot int) error {
	if slot == h.r.arraySlot() {
		h.vals.Elements, h.count, h.cur = nil, 0, nil
	}
	h.set(slot, Value{})
	return nil
}

func (h *handler) BeginArray(slot int) error {
	h.vals.Array = Value{Kind: jsonscan.Array}
	h.vals.Elements, h.count = nil, 0
	return nil
}

func (h *handler) BeginElement(slot, index int) error {
	h.count++
	if h.count > h.r.limits.MaxMembers {
		h.cur = nil
		return nil
	}
	h.cur = &Element{Index: index, Items: make([]Value, len(h.r.list.Items))}
	return nil
}

func (h *handler) EndElement(slot, index int) error {
	if h.cur != nil {
		h.vals.Elements = append(h.vals.Elements, *h.cur)
		h.cur = nil
	}
	return nil
}

func (h *handler) EndArray(int) error { return nil }
