package main

import (
	"fmt"
	"strconv"
)

// validPayload is a valid payload of the acme-cdp shape (boolean mode) of about
// size bytes: {"environmentId":..., "batch":[{"userId":...,"value":true,...}, ...]}.
func validPayload(size int64) []byte {
	b := make([]byte, 0, size+128)
	b = append(b, `{"environmentId":"env-load","batch":[`...)
	for i := 0; int64(len(b)) < size-100; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"userId":"user-`...)
		b = fmt.Appendf(b, "%08d", i)
		b = append(b, `","value":true,"cohortId":"c1","cohortName":"Load"}`...)
	}
	return append(b, "]}"...)
}

// capturePayload is the capture attack on example-synced-segment-integration2:
// every field the parser reads is valid, and the template's
// {{requestBody.environmentId}} names a large array of about size bytes.
func capturePayload(size int64) []byte {
	b := make([]byte, 0, size+256)
	b = append(b, `{"action":"members","contextKind":"user","parameters":{"mixpanel_project_id":"p1","mixpanel_cohort_id":"c1","mixpanel_cohort_name":"Load","members":[{"mixpanel_distinct_id":"u1"}]},"environmentId":[`...)
	for i := 0; int64(len(b)) < size-10; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	return append(b, "]}"...)
}

// smallPayload is a valid acme-cdp payload with n members.
func smallPayload(n int) []byte {
	b := []byte(`{"environmentId":"env-load","batch":[`)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"userId":"user-%d","value":%t,"cohortId":"c1","cohortName":"Load"}`, i, i%2 == 0)
	}
	return append(b, "]}"...)
}
