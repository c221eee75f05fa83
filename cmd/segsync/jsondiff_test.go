package main

import (
	"reflect"
	"testing"
)

func TestJSONDiff(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		ignore    []string
		diffs     []diffEntry
	}{
		{"equal", `{"a":[1,2],"b":"x"}`, `{"b":"x","a":[1,2]}`, nil, nil},
		{"numbers by text", `{"n":1.0}`, `{"n":1}`, nil, []diffEntry{{"/n", "1.0", "1"}}},
		{"changed", `{"a":{"b":"x"}}`, `{"a":{"b":"y"}}`, nil, []diffEntry{{"/a/b", `"x"`, `"y"`}}},
		{"absent and extra", `{"a":1}`, `{"b":1}`, nil, []diffEntry{{"/a", "1", absent}, {"/b", absent, "1"}}},
		{"array lengths", `[1,2]`, `[1]`, nil, []diffEntry{{"/1", "2", absent}}},
		{"type change", `{"a":[1]}`, `{"a":{"0":1}}`, nil, []diffEntry{{"/a", "[1]", `{"0":1}`}}},
		{"escaped names", `{"a/b~":1}`, `{"a/b~":2}`, nil, []diffEntry{{"/a~1b~0", "1", "2"}}},
		{"ignored", `{"m":"x","s":1}`, `{"m":"y","s":1}`, []string{"/m"}, nil},
		{"ignored but absent", `{"m":"x"}`, `{}`, []string{"/m"}, []diffEntry{{"/m", `"x"`, absent}}},
		{"empty is null", ``, `null`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ignore := map[string]bool{}
			for _, p := range tt.ignore {
				ignore[p] = true
			}
			got, err := jsonDiff([]byte(tt.want), []byte(tt.got), ignore)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.diffs) {
				t.Errorf("got %q, want %q", got, tt.diffs)
			}
		})
	}
	if _, err := jsonDiff([]byte(`{`), []byte(`{}`), nil); err == nil {
		t.Error("invalid JSON: no error")
	}
	if _, err := jsonDiff([]byte(`{} x`), []byte(`{}`), nil); err == nil {
		t.Error("trailing data: no error")
	}
}
