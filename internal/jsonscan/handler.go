package jsonscan

// Handler receives what a scan finds. A non-nil error from any method stops the scan,
// and [Query.Scan] returns that error unchanged.
//
// The event contract:
//
//   - Capture(slot, kind, text) delivers a value found at a path. For a string, text
//     is its unescaped UTF-8 content; for a number, its literal text as written; for
//     null, true and false, the literal; for an object or array, nil. A path compiled
//     with Raw receives the value's raw JSON text instead, for every kind. Text is
//     valid only during the call: copy what you keep. Scalars are delivered when they
//     are read; objects and arrays when they end, after everything inside them.
//   - Overflow(slot, kind, n) replaces Capture for a value whose JSON text (n bytes)
//     is longer than its path's MaxLen: the value was validated but not held. While
//     a raw capture is open, the outermost one's limit decides what is held: when
//     it overflows, so do the raw captures inside it.
//   - An Each path whose value is an array delivers BeginArray(slot), then for each
//     element i: BeginElement(slot, i), the events of the element's relative paths,
//     EndElement(slot, i); then EndArray(slot). Its value is delivered with Capture
//     only when it is not an array, with its kind and no text (so that the caller
//     can report its type).
//   - Duplicate member names: the last occurrence wins. When an object repeats a name
//     on a query path, the scanner first calls Reset(slot) for every slot at or below
//     that name (value slots and Each array slots, but not the relative slots inside
//     elements, which the array's reset covers), then delivers the new occurrence.
//     Reset(slot) means: forget everything delivered for slot in the current scope
//     (its value, or for an Each slot the whole array and its elements); the slot is
//     absent unless delivered again. In particular a repeated member-array name gives
//     Reset(slot) followed by a fresh BeginArray(slot): drop what was collected. A
//     Reset may also arrive for a slot that was never delivered; ignore it.
//   - Inside an element, Capture and Reset for relative slots refer to that element.
//     Slots of absolute paths that reach into an array element (for example
//     /batch/0/cohortId while /batch is iterated) are delivered where they occur,
//     between that element's BeginElement and EndElement.
//   - When several Each paths name the same array, element events nest in the order
//     the paths were given: BeginElement for each, then EndElement in reverse.
type Handler interface {
	Capture(slot int, kind Kind, text []byte) error
	Overflow(slot int, kind Kind, n int64) error
	Reset(slot int) error
	BeginArray(slot int) error
	BeginElement(slot, index int) error
	EndElement(slot, index int) error
	EndArray(slot int) error
}

// An ElementStepper is a Handler that also takes the end of one element and
// the beginning of the next as one call, NextElement(slot, index): the same
// events as EndElement(slot, index-1) then BeginElement(slot, index). A scan
// calls it between the elements of an array that a single Each path iterates
// (with several, their events interleave), saving a call per element.
type ElementStepper interface {
	Handler
	NextElement(slot, index int) error
}

// NopHandler implements [Handler] by ignoring every event. Embed it to implement only
// the methods you need.
type NopHandler struct{}

// Capture does nothing.
func (NopHandler) Capture(int, Kind, []byte) error { return nil }

// Overflow does nothing.
func (NopHandler) Overflow(int, Kind, int64) error { return nil }

// Reset does nothing.
func (NopHandler) Reset(int) error { return nil }

// BeginArray does nothing.
func (NopHandler) BeginArray(int) error { return nil }

// BeginElement does nothing.
func (NopHandler) BeginElement(int, int) error { return nil }

// EndElement does nothing.
func (NopHandler) EndElement(int, int) error { return nil }

// EndArray does nothing.
func (NopHandler) EndArray(int) error { return nil }
