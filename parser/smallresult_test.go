package parser

import (
	"fmt"
	"strings"
	"testing"
)

// TestSmallResultEdges holds Parse to the reference evaluator on payloads around
// the edges of the small-result paths: the text of a result just under, at and
// past resultSmall's room (smallText), 1 to 9 records (resultSmall takes up to
// maxSmallResult, the scan dedupe up to maxScanDedupe), repeats within and across
// the member arrays, and overrides that make a second segment.
func TestSmallResultEdges(t *testing.T) {
	byName := diffProgramsByName(t)
	// Repeats with the other operation within the first four records: the
	// last one wins.
	ids := []string{"a", "bb", "bb", "a", "ccc", "d", "e", "a", "f"}
	for envLen := int(smallText) - 120; envLen <= int(smallText)+8; envLen++ {
		env := strings.Repeat("e", envLen)
		for n := 1; n <= len(ids); n++ {
			var batch, add, remove, members []string
			for i, id := range ids[:n] {
				cohort := ""
				if i == 3 && envLen%2 == 0 {
					cohort = `,"cohortId":"other"` // a second segment
				}
				batch = append(batch, fmt.Sprintf(`{"userId":%q,"value":%t,"cohortId":"c","cohortName":"C"%s}`, id, i%2 == 0, cohort))
				if i%2 == 0 {
					add = append(add, fmt.Sprintf(`{"id":%q}`, id))
				} else {
					remove = append(remove, fmt.Sprintf(`{"id":%q}`, id))
				}
				members = append(members, fmt.Sprintf(`{"distinct_id":%q}`, id))
			}
			for name, payload := range map[string]string{
				"boolean": fmt.Sprintf(`{"environmentId":%q,"batch":[%s]}`, env, strings.Join(batch, ",")),
				"named":   fmt.Sprintf(`{"env":%q,"segment":{"id":"s","name":"S"},"data":{"add":[%s],"remove":[%s]}}`, env, strings.Join(add, ","), strings.Join(remove, ",")),
				"action":  fmt.Sprintf(`{"action":"members","parameters":{"project":%q,"cohort_id":"c","cohort_name":"C","members":[%s]}}`, env, strings.Join(members, ",")),
			} {
				checkFastVsReference(t, name, byName[name], []byte(payload))
			}
		}
	}
}
