package conformance

import (
	"strings"
	"testing"
)

func TestDiffValues(t *testing.T) {
	for _, tt := range []struct {
		name, want, got, diff string
	}{
		{"equal", `{"a": [1, "x"], "b": null}`, `{"b": null, "a": [1, "x"]}`, ""},
		{"numbers by text", `{"n": 1.0}`, `{"n": 1}`, "differs at \"/n\": want 1.0, got 1\n  want: {\"n\":1.0}\n  got:  {\"n\":1}"},
		{"root scalar", `"a"`, `"b"`, `want "a", got "b"`},
		{"missing member", `{"a": 1, "b": 2}`, `{"a": 1}`, `differs at "/b": want 2, got "(absent)"`},
		{"extra member", `{"a": 1}`, `{"a": 1, "z~/": 2}`, `differs at "/z~0~1": want "(absent)", got 2`},
		{"array element", `{"add": ["u1", "u2"]}`, `{"add": ["u1", "u3"]}`, `differs at "/add/1": want "u2", got "u3"`},
		{"shorter array", `["u1", "u2"]`, `["u1"]`, `differs at "/1": want "u2", got "(absent)"`},
		{"type change", `{"a": {"b": 1}}`, `{"a": [1]}`, `differs at "/a": want {"b":1}, got [1]`},
		{"html kept", `{"s": "<a&b>"}`, `{"s": "<a>"}`, `want "<a&b>", got "<a>"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w, err := decodeBody([]byte(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			g, err := decodeBody([]byte(tt.got))
			if err != nil {
				t.Fatal(err)
			}
			d := diffValues(w, g)
			if tt.diff == "" && d != "" || !strings.Contains(d, tt.diff) {
				t.Errorf("diffValues = %q, want it to contain %q", d, tt.diff)
			}
		})
	}
}

func TestDiffJSONResult(t *testing.T) {
	want := &Result{EnvironmentID: "e", ContextKind: "user", Segments: []Segment{{CohortID: "c", Add: []string{"1.0"}, Remove: []string{}}}}
	got := &Result{EnvironmentID: "e", ContextKind: "user", Segments: []Segment{{CohortID: "c", Add: []string{"1"}, Remove: []string{}}}}
	d := diffJSON(want, got)
	if !strings.HasPrefix(d, `differs at "/segments/0/add/0": want "1.0", got "1"`) || strings.Contains(d, "conformance.") {
		t.Errorf("diffJSON = %q: want the pointer and JSON values, never Go syntax", d)
	}
}

func TestBodyText(t *testing.T) {
	for body, want := range map[string]string{
		"":                       `""`,
		`{ "a" : 1 }`:            `{"a":1}`,
		"<html>\n<b>x</b>":       `"<html>\n<b>x</b>"`,
		strings.Repeat("x", 300): `"` + strings.Repeat("x", 200) + `"… (300 bytes)`,
	} {
		if got := bodyText([]byte(body)); got != want {
			t.Errorf("bodyText(%.20q) = %s, want %s", body, got, want)
		}
	}
}
