package suggest

import (
	"testing"

	"github.com/segsync/segsync/jsonpath"
)

func TestClosest(t *testing.T) {
	names := []string{"requestBody", "statusCode", "errorMessage", "cohortIdPath", "cohortNamePath", "id"}
	tests := []struct{ word, want string }{
		{"errormessage", "errorMessage"},
		{"cohortIDPath", "cohortIdPath"},
		{"errorMesage", "errorMessage"},
		{"erorrMessage", "errorMessage"},
		{"statusCod", "statusCode"},
		{"cohortNmaePath", "cohortNamePath"},
		{"ix", "id"},
		{"xyz", ""},
		{"requestBodyText", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, names); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestPointer(t *testing.T) {
	tests := []struct {
		path string
		want jsonpath.Pointer
		ok   bool
	}{
		{"$.changes", "/changes", true},
		{"$.a.b", "/a/b", true},
		{"$['a']['b/c']", "/a/b~1c", true},
		{`$["a"][0]`, "/a/0", true},
		{"$.a[0].id", "/a/0/id", true},
		{"$", "", true},
		{"audience.id", "/audience/id", true},
		{"batch[0].userId", "/batch/0/userId", true},
		{"a", "/a", true},
		{"/already/a/pointer", "", false},
		{"", "", false},
		{"$..a", "", false},
		{"$.a[*]", "", false},
		{"a[", "", false},
		{"a[-1]", "", false},
	}
	for _, tt := range tests {
		got, ok := Pointer(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Pointer(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzPointer(f *testing.F) {
	for _, s := range []string{"$.a.b", "$['a'][0]", "a.b", "a[0]", "$", "/a", "$..x", "a['b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		ptr, ok := Pointer(path)
		if !ok {
			return
		}
		if !ptr.IsValid() {
			t.Fatalf("Pointer(%q) = %q, not a valid pointer", path, ptr)
		}
	})
}

func FuzzClosest(f *testing.F) {
	f.Add("errormessage", "errorMessage")
	f.Fuzz(func(t *testing.T, word, cand string) {
		got := Closest(word, []string{cand})
		if got != "" && got != cand {
			t.Fatalf("Closest returned %q, not a candidate", got)
		}
		if distance(word, word, 2) != 0 {
			t.Fatalf("distance(%q, itself) != 0", word)
		}
	})
}
