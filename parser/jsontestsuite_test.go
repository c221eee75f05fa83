package parser_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segsync/segsync/internal/testfiles"
	"github.com/segsync/segsync/parser"
)

// suiteProgram is a named-arrays program whose values mostly do not exist in the
// suite's documents: a valid document gives a result or missing/wrong_type, so
// that the payload's validity is the only question the verdict answers.
const suiteProgram = `{"requestParser":{"environmentIdPath":"/e","cohortIdPath":"/c","cohortNamePath":"/n","addMemberArrayPath":"/add","removeMemberArrayPath":"/remove","memberArrayParser":{"memberIdPath":""}}}`

// Verdicts of the implementation-defined i_ files: "valid" means the payload is
// accepted as JSON (any answer but invalid_json), "invalid_json" that it is not.
// Numbers are kept as literal text, so no number is too big; strings must be
// valid UTF-8 without lone surrogates (RFC 8259 §8.1, and the sole encoding is
// UTF-8, without a byte order mark); 500 nested arrays are within the default
// depth limit of 512.
var suiteVerdicts = map[string]string{
	"i_number_double_huge_neg_exp.json":                   "valid",
	"i_number_huge_exp.json":                              "valid",
	"i_number_neg_int_huge_exp.json":                      "valid",
	"i_number_pos_double_huge_exp.json":                   "valid",
	"i_number_real_neg_overflow.json":                     "valid",
	"i_number_real_pos_overflow.json":                     "valid",
	"i_number_real_underflow.json":                        "valid",
	"i_number_too_big_neg_int.json":                       "valid",
	"i_number_too_big_pos_int.json":                       "valid",
	"i_number_very_big_negative_int.json":                 "valid",
	"i_object_key_lone_2nd_surrogate.json":                "invalid_json",
	"i_string_1st_surrogate_but_2nd_missing.json":         "invalid_json",
	"i_string_1st_valid_surrogate_2nd_invalid.json":       "invalid_json",
	"i_string_UTF-16LE_with_BOM.json":                     "invalid_json",
	"i_string_UTF-8_invalid_sequence.json":                "invalid_json",
	"i_string_UTF8_surrogate_U+D800.json":                 "invalid_json",
	"i_string_incomplete_surrogate_and_escape_valid.json": "invalid_json",
	"i_string_incomplete_surrogate_pair.json":             "invalid_json",
	"i_string_incomplete_surrogates_escape_valid.json":    "invalid_json",
	"i_string_invalid_lonely_surrogate.json":              "invalid_json",
	"i_string_invalid_surrogate.json":                     "invalid_json",
	"i_string_invalid_utf-8.json":                         "invalid_json",
	"i_string_inverted_surrogates_U+1D11E.json":           "invalid_json",
	"i_string_iso_latin_1.json":                           "invalid_json",
	"i_string_lone_second_surrogate.json":                 "invalid_json",
	"i_string_lone_utf8_continuation_byte.json":           "invalid_json",
	"i_string_not_in_unicode_range.json":                  "invalid_json",
	"i_string_overlong_sequence_2_bytes.json":             "invalid_json",
	"i_string_overlong_sequence_6_bytes.json":             "invalid_json",
	"i_string_overlong_sequence_6_bytes_null.json":        "invalid_json",
	"i_string_truncated-utf-8.json":                       "invalid_json",
	"i_string_utf16BE_no_BOM.json":                        "invalid_json",
	"i_string_utf16LE_no_BOM.json":                        "invalid_json",
	"i_structure_500_nested_arrays.json":                  "valid",
	"i_structure_UTF-8_BOM_empty_object.json":             "invalid_json",
}

// suiteTooDeep are the n_ files that nest past the default depth limit (512)
// before their first syntax error. A streaming reader meets the depth limit
// first, so their verdict is too_large (413), not invalid_json; either way they
// are rejected.
var suiteTooDeep = map[string]bool{
	"n_structure_100000_opening_arrays.json": true,
	"n_structure_open_array_object.json":     true,
}

// TestJSONTestSuite runs every file of JSONTestSuite's test_parsing through a
// program: every n_ file is rejected as invalid_json (too_large for the deep ones
// listed), no y_ file is invalid_json, and every i_ file gets the verdict of
// suiteVerdicts.
func TestJSONTestSuite(t *testing.T) {
	dir := testfiles.Shared(t, "testdata/JSONTestSuite/test_parsing")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no JSONTestSuite files under %s: %v", dir, err)
	}
	prog := compileJSON(t, suiteProgram)
	seen := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := prog.Parse(data)
			code := parser.Code("")
			var pe *parser.Error
			if errors.As(perr, &pe) {
				code = pe.Code
			} else if perr != nil {
				t.Fatalf("error %T is not a *parser.Error: %v", perr, perr)
			}
			switch name[0] {
			case 'y':
				if code == parser.CodeInvalidJSON || code == parser.CodeTooLarge {
					t.Errorf("a valid document is rejected: %v", perr)
				}
			case 'n':
				want := parser.CodeInvalidJSON
				if suiteTooDeep[name] {
					want = parser.CodeTooLarge
				}
				if code != want {
					t.Errorf("got %q (%v), want %s", code, perr, want)
				}
			case 'i':
				want, ok := suiteVerdicts[name]
				if !ok {
					t.Fatalf("no verdict for %s: add one to suiteVerdicts", name)
				}
				seen[name] = true
				got := "valid"
				if code == parser.CodeInvalidJSON {
					got = "invalid_json"
				} else if code == parser.CodeTooLarge {
					got = "too_large"
				}
				if got != want {
					t.Errorf("verdict %s (%v), want %s", got, perr, want)
				}
			}
		})
	}
	for name := range suiteVerdicts {
		if !seen[name] {
			t.Errorf("suiteVerdicts names %s, which the suite does not have", name)
		}
	}
}
