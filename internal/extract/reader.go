package extract

import (
	"io"

	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/internal/payloadread"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/parser"
)

// Field is a pointer a program reads, with the manifest field that set it.
type Field struct {
	// Ptr is the compiled pointer: absolute for a top-level value, relative to
	// the element for an item of a List.
	Ptr jsonpath.Pointer
	// Name is the manifest field as payload errors name it, for example
	// "statusValue" or "memberItems.email".
	Name string
	// Set says whether the manifest gives the field; a field that is not set
	// is never read and is absent.
	Set bool
}

// List is an array read element by element.
type List struct {
	Array Field   // the array
	Items []Field // the pointers relative to each element
}

// Reader reads the values of one parser's pointers out of payloads. A Reader
// is immutable and safe for concurrent use by multiple goroutines.
type Reader struct {
	query  *jsonscan.Query
	limits parser.Limits
	top    []Field
	list   *List
}

// Compile prepares a Reader for the top-level fields and the list (nil when the
// parser reads no array), with the limits given (zero fields take
// parser.Limits' defaults). Fields that are not set are left out of the scan.
// It returns the *jsonscan.CompileError of pointers that cannot be compiled into
// one scan.
func Compile(top []Field, list *List, limits parser.Limits) (*Reader, error) {
	r := &Reader{limits: limits.WithDefaults(), top: top, list: list}
	var paths []jsonscan.Path
	for slot, f := range top {
		if f.Set {
			paths = append(paths, jsonscan.Path{Tokens: f.Ptr.Tokens(), Slot: slot})
		}
	}
	if list != nil && list.Array.Set {
		var elems []jsonscan.Path
		for i, f := range list.Items {
			if f.Set {
				elems = append(elems, jsonscan.Path{Tokens: f.Ptr.Tokens(), Slot: r.itemSlot(i)})
			}
		}
		paths = append(paths, jsonscan.Path{Tokens: list.Array.Ptr.Tokens(), Slot: r.arraySlot(), Each: true, Elements: elems})
	}
	q, err := jsonscan.Compile(paths,
		jsonscan.WithMaxDepth(min(r.limits.MaxDepth, jsonvalue.MaxDepthCeiling)),
		jsonscan.WithMaxValueLen(jsonscan.TextLen(r.limits.MaxValueBytes)))
	if err != nil {
		return nil, err
	}
	r.query = q
	return r, nil
}

// Fields returns the top-level fields, as given to Compile. The caller must not
// modify the returned slice.
func (r *Reader) Fields() []Field { return r.top }

// Limits returns the limits in force, defaults filled in.
func (r *Reader) Limits() parser.Limits { return r.limits }

func (r *Reader) arraySlot() int     { return len(r.top) }
func (r *Reader) itemSlot(i int) int { return len(r.top) + 1 + i }

// Value is one value read from a payload.
type Value struct {
	// Kind is the value's JSON type; 0 when the pointer found nothing.
	Kind jsonscan.Kind
	// Text is a string's unescaped text or a number's literal text, when it
	// was held; "" otherwise.
	Text string
	// Len is the length of Text, or of the value's JSON text when it was too
	// long to be held.
	Len int64
}

// Absent reports whether the pointer found nothing, or null (SEMANTICS §4: null
// counts as absent).
func (v Value) Absent() bool { return v.Kind == 0 || v.Kind == jsonscan.Null }

// EmptyString reports whether the value is the string "".
func (v Value) EmptyString() bool { return v.Kind == jsonscan.String && v.Len == 0 }

// Element is one element of the list's array: its index and the values of the
// list's items, in the order of List.Items.
type Element struct {
	Index int
	Items []Value
}

// Values are what one payload holds at a Reader's pointers.
type Values struct {
	// Top holds the top-level values, in the order of the fields given to
	// Compile.
	Top []Value
	// Array is the list's array value: Kind jsonscan.Array when it is one.
	Array Value
	// Elements are the array's elements, in order.
	Elements []Element
}

// Source is a payload to read: bytes given whole ([Bytes]) or a stream
// ([Stream]).
type Source struct {
	body []byte
	r    io.Reader
}

// Bytes is a payload given whole.
func Bytes(body []byte) Source { return Source{body: body} }

// Stream is a payload read from r to its end through a fixed-size buffer: it is
// never held whole.
func Stream(r io.Reader) Source { return Source{r: r} }

// Read scans a payload and returns the values at the Reader's pointers. Its
// error is a *parser.Error: too_large past the byte limit, the depth limit or
// the limit of elements (parser.Limits.MaxMembers, at the array's pointer), or
// invalid_json; no other rule is applied. A stream that cannot be read to its
// end gives a *parser.ReadError instead (a reader that keeps returning nothing
// fails with io.ErrNoProgress). With blankOK, a blank payload (no bytes, or JSON
// white space only) gives nil values and no error.
func (r *Reader) Read(src Source, blankOK bool) (*Values, error) {
	h := &handler{r: r, vals: &Values{Top: make([]Value, len(r.top))}}
	if src.r == nil {
		switch {
		case int64(len(src.body)) > r.limits.MaxBytes:
			return nil, r.tooLarge()
		case blankOK && blank(payloadread.FirstByte(src.body)):
			return nil, nil
		}
		if err := r.query.Scan(src.body, h); err != nil {
			return nil, scanError(err)
		}
	} else {
		lr := payloadread.New(src.r, r.limits.MaxBytes)
		err := r.query.ScanReader(lr, h)
		lr.Settle(err)
		switch {
		case lr.Over():
			return nil, r.tooLarge()
		case lr.Err() != nil:
			return nil, &parser.ReadError{Err: lr.Err()}
		case blankOK && blank(lr.First()):
			return nil, nil
		case err != nil:
			return nil, scanError(err)
		}
	}
	if h.count > r.limits.MaxMembers {
		a := r.list.Array
		return nil, Errorf(parser.CodeTooLarge, a.Ptr, a.Name, "the array at %s has more than %d elements", a.Ptr, r.limits.MaxMembers)
	}
	return h.vals, nil
}

// blank reports whether no byte was found past white space.
func blank(_ byte, found bool) bool { return !found }

// tooLarge is the error for a payload past the byte limit.
func (r *Reader) tooLarge() *parser.Error {
	e := Errorf(parser.CodeTooLarge, "", "", "the payload is larger than %d bytes", r.limits.MaxBytes)
	e.Offset = r.limits.MaxBytes
	return e
}
