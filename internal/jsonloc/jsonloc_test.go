package jsonloc

import (
	"testing"

	"github.com/segsync/segsync/jsonpath"
)

func TestFind(t *testing.T) {
	doc := []byte("{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, [2]]},\n  \"é\": true,\n  \"s~/t\": null\n}")
	tests := []struct {
		ptr       jsonpath.Pointer
		line, col int
		exact     bool
	}{
		{"", 1, 1, true},
		{"/a", 2, 8, true},
		{"/a/b", 2, 14, true},
		{"/a/b/0", 2, 15, true},
		{"/a/b/1", 2, 18, true},
		{"/a/b/1/c", 2, 24, true},
		{"/a/b/2/0", 2, 31, true},
		{"/é", 3, 8, true},
		{"/s~0~1t", 4, 11, true},
		{"/a/missing", 2, 8, false},
		{"/a/b/7", 2, 14, false},
		{"/nothing/here", 1, 1, false},
	}
	for _, tt := range tests {
		pos, exact := Find(doc, tt.ptr)
		if pos.Line != tt.line || pos.Column != tt.col || exact != tt.exact {
			t.Errorf("Find(%q) = %d:%d %v, want %d:%d %v", tt.ptr, pos.Line, pos.Column, exact, tt.line, tt.col, tt.exact)
		}
	}
}

func TestFindSyntaxError(t *testing.T) {
	doc := []byte("{\n  \"a\": 1,\n  \"b\": ,\n}")
	pos, exact := Find(doc, "/a")
	if exact || pos.Line != 3 || pos.Column != 8 {
		t.Fatalf("Find on invalid JSON = %+v %v, want 3:8 false", pos, exact)
	}
}

func TestLine(t *testing.T) {
	doc := []byte("one\r\ntwo\nthree")
	for off, want := range map[int]string{0: "one", 5: "two", 9: "three", 100: "three"} {
		if got := Line(doc, off); got != want {
			t.Errorf("Line(%d) = %q, want %q", off, got, want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":2}]}`), "/a/1/b")
	f.Add([]byte(`[`), "")
	f.Fuzz(func(t *testing.T, data []byte, ptr string) {
		pos, _ := Find(data, jsonpath.Pointer(ptr))
		if pos.Offset < 0 || pos.Offset > len(data) || pos.Line < 1 || pos.Column < 1 {
			t.Fatalf("Find(%q, %q) = %+v", data, ptr, pos)
		}
	})
}

func TestFindRepeatedName(t *testing.T) {
	pos, exact := Find([]byte(`{"a": 1, "a": 2}`), "/a")
	if !exact || pos.Column != 15 {
		t.Fatalf("Find = %+v %v, want the last \"a\"'s value at column 15", pos, exact)
	}
}

// TestFindAll: one pass finds every pointer where Find finds it alone.
func TestFindAll(t *testing.T) {
	doc := []byte("{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, [2]]},\n  \"a\": {\"d\": 1},\n  \"s~/t\": null\n}")
	ptrs := []jsonpath.Pointer{"", "/a", "/a/b/1/c", "/a/d", "/a/missing", "/s~0~1t", "/nothing/here", "0"}
	all := FindAll(doc, ptrs)
	for i, ptr := range ptrs {
		pos, exact := Find(doc, ptr)
		if all[i].Position != pos || all[i].Exact != exact {
			t.Errorf("FindAll[%q] = %+v, Find = %+v %v", ptr, all[i], pos, exact)
		}
	}
}
