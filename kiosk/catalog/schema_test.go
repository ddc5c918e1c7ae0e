package catalog

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"
)

// The published JSON Schema and the Go validator say the same thing about
// codes, the closed value lists and the keys a procedure may have.
func TestSchemaMatchesValidator(t *testing.T) {
	b, err := os.ReadFile("../../docs/catalog.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			Procedure struct {
				Properties map[string]struct {
					Pattern string `json:"pattern"`
					Enum    []string
					Items   struct{ Enum []string }
				}
			}
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	props := s.Defs.Procedure.Properties
	if props["code"].Pattern != codeRe.String() || props["replacedBy"].Pattern != codeRe.String() {
		t.Errorf("code pattern: schema %q / %q, Go %q", props["code"].Pattern, props["replacedBy"].Pattern, codeRe)
	}
	keys := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	sorted := func(xs []string) []string { xs = append([]string{}, xs...); sort.Strings(xs); return xs }
	for name, pair := range map[string][2][]string{
		"unverified":  {sorted(props["unverified"].Items.Enum), keys(unverifiable)},
		"onlineLevel": {sorted(props["onlineLevel"].Enum), keys(onlineLevels)},
		"validity":    {sorted(props["validity"].Enum), keys(validities)},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s: schema %q, Go %q", name, pair[0], pair[1])
		}
	}
	// Every JSON key of Procedure is in the schema and the other way round.
	var goKeys []string
	rt := reflect.TypeOf(Procedure{})
	for i := 0; i < rt.NumField(); i++ {
		tag := rt.Field(i).Tag.Get("json")
		for j := range tag {
			if tag[j] == ',' {
				tag = tag[:j]
				break
			}
		}
		goKeys = append(goKeys, tag)
	}
	var schemaKeys []string
	for k := range props {
		schemaKeys = append(schemaKeys, k)
	}
	if !reflect.DeepEqual(sorted(goKeys), sorted(schemaKeys)) {
		t.Errorf("keys: Go %q, schema %q", sorted(goKeys), sorted(schemaKeys))
	}
}
