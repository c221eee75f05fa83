package jsonvalue

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDecodeRoundTrip(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"literal numbers", `[12345678901234567890, 1.0, -0, 1e400]`, `[12345678901234567890,1.0,-0,1e400]`},
		{"duplicate keeps first position last value", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`},
		{"nested", `{"x":{"y":[true,false,null,"s"]},"e":{},"f":[]}`, `{"x":{"y":[true,false,null,"s"]},"e":{},"f":[]}`},
		{"surrogate pair", `"\ud83d\ude00"`, "\"\U0001F600\""},
		{"scalar root", ` 7 `, `7`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Decode([]byte(tt.in), 0)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, in := range []string{``, `[`, `{"a":`, `[1,]`, `{"a" 1}`, "\"\xff\"", `"\ud800"`, `[1] x`, `01`, `{'a':1}`, `NaN`} {
		_, err := Decode([]byte(in), 0)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Decode(%q) = %v, want *SyntaxError", in, err)
		}
	}
}

func TestDecodeDepth(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	_, err := Decode([]byte(deep), 0)
	var de *DepthError
	if !errors.As(err, &de) || de.MaxDepth != DefaultMaxDepth {
		t.Fatalf("got %v, want DepthError", err)
	}
	if _, err := Decode([]byte(`[[[]]]`), 3); err != nil {
		t.Errorf("depth 3 within limit 3: %v", err)
	}
	if _, err := Decode([]byte(`[[[[]]]]`), 3); !errors.As(err, &de) {
		t.Errorf("depth 4 over limit 3: %v", err)
	}
	var se *SyntaxError
	if _, err := Decode([]byte(`[[{[`), 3); !errors.As(err, &se) {
		t.Errorf("a '[' where a name belongs, at the depth limit, is a syntax error: %v", err)
	}
	ceiling := strings.Repeat("[", MaxDepthCeiling+1) + strings.Repeat("]", MaxDepthCeiling+1)
	if _, err := Decode([]byte(ceiling), 2*MaxDepthCeiling); !errors.As(err, &de) || de.MaxDepth != MaxDepthCeiling {
		t.Errorf("past the ceiling with a higher limit: %v, want DepthError at %d", err, MaxDepthCeiling)
	}
}
