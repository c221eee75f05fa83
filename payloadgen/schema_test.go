package payloadgen

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/segsync/segsync/internal/testfiles"
)

// propertyRuns is how many valid payloads and how many near misses the schema
// property tries per manifest.
const propertyRuns = 400

// TestSchemaAgreesWithParse is the schema's property: for valid payloads and
// for the near misses a schema can judge (SchemaMutations: valid UTF-8 JSON,
// no repeated names, within the limits, by construction), an independent
// validator and Parse agree on accept or reject.
func TestSchemaAgreesWithParse(t *testing.T) {
	total := map[string]int{}
	for name, m := range manifests(t) {
		s := shape(t, m)
		schema := compileSchema(t, s.Schema())
		g := New(s, 42)
		counts := map[string]int{}
		check := func(p *Payload) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(p.Bytes()))
			if err != nil {
				t.Fatalf("%s: the generator made a payload a validator cannot read (%s): %v", name, p.Note, err)
			}
			verr := schema.Validate(inst)
			_, perr := s.Program.Parse(p.Bytes())
			if (verr == nil) != (perr == nil) {
				t.Errorf("%s: %s: the schema says %v, Parse says %v\npayload: %s", name, p.Note, verdict(verr), verdict(perr), p.Bytes())
			}
			key := "rejected"
			if perr == nil {
				key = "accepted"
			}
			if p.Valid() {
				key = "valid " + key
			} else {
				key = "near miss " + key
			}
			counts[key]++
			total[key]++
		}
		for range propertyRuns {
			p, err := g.Valid()
			if err != nil {
				t.Fatal(err)
			}
			check(p)
		}
		for range propertyRuns {
			p, err := g.NearMiss(SchemaMutations...)
			if err != nil {
				t.Fatal(err)
			}
			check(p)
		}
		if counts["valid accepted"] != propertyRuns || counts["near miss accepted"] == 0 || counts["near miss rejected"] == 0 {
			t.Errorf("%s: %v: the property needs every valid payload accepted and near misses of both verdicts", name, counts)
		}
		t.Logf("%s: %v", name, counts)
	}
	t.Logf("total: %v", total)
}

// TestSchemaLimits: the description lists what a schema cannot say, and the
// schema is valid draft 2020-12 for every manifest.
func TestSchemaLimits(t *testing.T) {
	for name, m := range manifests(t) {
		out := shape(t, m).Schema()
		compileSchema(t, out)
		for _, l := range SchemaLimits {
			if !bytes.Contains(out, []byte(jsonString(l))) {
				t.Errorf("%s: the description lacks %q", name, l)
			}
		}
	}
}

// TestSchemaGolden pins the schema of one manifest per mode.
func TestSchemaGolden(t *testing.T) {
	for _, name := range []string{"boolean-overrides", "action-template", "named-bare-ids"} {
		m := readFile(t, "testdata/manifests/"+name+".json")
		testfiles.Golden(t, "testdata/golden/"+name+".schema.json", string(shape(t, m).Schema())+"\n")
	}
}

func compileSchema(t *testing.T, schema []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("payload.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("payload.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile: %v\n%s", err, schema)
	}
	return s
}

func verdict(err error) string {
	if err == nil {
		return "accept"
	}
	return "reject (" + err.Error() + ")"
}

// jsonString is s as it appears inside a JSON string.
func jsonString(s string) string {
	raw := stringLeaf(s).raw
	return string(raw[1 : len(raw)-1])
}
