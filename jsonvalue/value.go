package jsonvalue

import (
	"bytes"
	"encoding/json"
)

// Number is a JSON number kept as its literal text, exactly as written.
type Number string

// String returns the number's literal text.
func (n Number) String() string { return string(n) }

// MarshalJSON writes the number's literal text.
func (n Number) MarshalJSON() ([]byte, error) { return []byte(n), nil }

// Object is a JSON object that keeps the order of its member names. A name set twice
// keeps its first position and takes the later value. The zero Object is empty and
// ready to use. An Object is not safe for concurrent mutation; decoded objects are
// only read, and reading is safe from many goroutines.
type Object struct {
	names  []string
	values []any
	index  map[string]int
}

// Len reports the number of distinct member names.
func (o *Object) Len() int { return len(o.names) }

// Names returns the member names in order of first appearance. The caller must not
// modify the returned slice.
func (o *Object) Names() []string { return o.names }

// At returns the i-th member's name and value, for 0 <= i < Len().
func (o *Object) At(i int) (string, any) { return o.names[i], o.values[i] }

// Get returns the value of member name and whether the object has it.
func (o *Object) Get(name string) (any, bool) {
	i, ok := o.index[name]
	if !ok {
		return nil, false
	}
	return o.values[i], true
}

// Set sets member name to v, replacing the value of an existing member in place.
func (o *Object) Set(name string, v any) {
	if i, ok := o.index[name]; ok {
		o.values[i] = v
		return
	}
	if o.index == nil {
		o.index = make(map[string]int)
	}
	o.index[name] = len(o.names)
	o.names = append(o.names, name)
	o.values = append(o.values, v)
}

// MarshalJSON writes the object with its members in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range o.names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(o.values[i])
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Kind names the JSON type of a value: "null", "boolean", "string", "number",
// "array" or "object"; "invalid" for anything that is not a jsonvalue value.
func Kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case Number:
		return "number"
	case []any:
		return "array"
	case *Object:
		return "object"
	}
	return "invalid"
}
