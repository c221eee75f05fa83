package jsonscan_test

import (
	"fmt"
	"strings"

	"github.com/segsync/segsync/internal/jsonscan"
)

// members collects the member IDs of a boolean-mode payload, following the event
// contract: a Reset or a fresh BeginArray drops what was collected.
type members struct {
	jsonscan.NopHandler
	cohort string
	adds   []string
	id     string
}

const (
	slotCohort = iota
	slotBatch
	slotUserID
)

func (m *members) Capture(slot int, kind jsonscan.Kind, text []byte) error {
	switch slot {
	case slotCohort:
		m.cohort = string(text)
	case slotUserID:
		m.id = string(text)
	}
	return nil
}

func (m *members) Overflow(slot int, kind jsonscan.Kind, n int64) error {
	return fmt.Errorf("slot %d: a value of %d bytes is too long", slot, n)
}

func (m *members) Reset(slot int) error {
	switch slot {
	case slotCohort:
		m.cohort = ""
	case slotBatch:
		m.adds = nil
	case slotUserID:
		m.id = ""
	}
	return nil
}

func (m *members) BeginArray(int) error { m.adds = nil; return nil }

func (m *members) BeginElement(int, int) error { m.id = ""; return nil }

func (m *members) EndElement(_, index int) error {
	m.adds = append(m.adds, fmt.Sprintf("%d:%s", index, m.id))
	return nil
}

func Example() {
	q, err := jsonscan.Compile([]jsonscan.Path{
		{Tokens: []string{"cohort", "id"}, Slot: slotCohort},
		{Tokens: []string{"batch"}, Slot: slotBatch, Each: true, Elements: []jsonscan.Path{
			{Tokens: []string{"userId"}, Slot: slotUserID},
		}},
	})
	if err != nil {
		panic(err)
	}
	payload := `{"cohort":{"id":"c-1"},"batch":[{"userId":"u1","extra":[1,2]},{"userId":42}],"ignored":"\u00e9"}`
	var m members
	if err := q.Scan([]byte(payload), &m); err != nil {
		panic(err)
	}
	fmt.Println(m.cohort, m.adds)

	// The same query over a stream, and a payload that is not valid JSON.
	err = q.ScanReader(strings.NewReader(`{"batch":[1,]}`), &m)
	fmt.Println(err)
	// Output:
	// c-1 [0:u1 1:42]
	// invalid JSON at byte 12: expected a value, found ']'
}
