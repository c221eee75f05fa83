package bench

import (
	"strconv"
)

// Shape is one of the payload shapes the field is measured on.
type Shape string

// The shapes, named for the partner whose manifest reads them.
const (
	// Amplitude is boolean mode with per-member cohort overrides: each element of
	// /batch carries userId, value, cohortId and cohortName.
	Amplitude Shape = "amplitude"
	// Rudderstack is named-arrays mode: /listData/add and /listData/remove.
	Rudderstack Shape = "rudderstack"
	// Zeotap is action mode: /action decides whether /parameters/members are added.
	Zeotap Shape = "zeotap"
)

// Shapes lists the shapes in the order tables show them.
var Shapes = []Shape{Amplitude, Rudderstack, Zeotap}

// Mode names the shape's requestParser mode, as the table heads show it.
func (s Shape) Mode() string {
	switch s {
	case Amplitude:
		return "boolean (overrides)"
	case Rudderstack:
		return "named"
	}
	return "action"
}

// cohorts are the cohorts amplitude members name: most members are in the first
// (the top-level cohort, /batch/0/cohortId), some in the others.
var cohorts = [...][2]string{
	{"cohort_a1b2c3", "Power users"},
	{"cohort_a1b2c3", "Power users"},
	{"cohort_a1b2c3", "Power users"},
	{"cohort_d4e5f6", "Churn risk \u00e9t\u00e9"},
	{"cohort_0789ab", `Trial \"EU\"`},
}

// names are the display names members carry beside their IDs (JSON text).
var names = [...]string{`Zo\u00eb \"Z\" \u00dcnal`, "Jürgen Groß", "山田 太郎", `Ana\tMaria`, "Plain Name", `Emoji \ud83d\ude00 fan`}

// AppendID appends the JSON text of member i's ID. IDs cycle through the kinds
// partners send: a UUID, an e-mail address, a string with escapes (including a
// surrogate pair), a string with non-ASCII text, and an 18-digit number. Every ID
// is distinct.
func AppendID(b []byte, i int) []byte {
	switch i % 5 {
	case 0:
		return appendUUID(b, i)
	case 1:
		b = append(b, `"user.`...)
		b = strconv.AppendInt(b, int64(i), 10)
		return append(b, `@example.com"`...)
	case 2:
		b = append(b, `"id\/`...)
		b = strconv.AppendInt(b, int64(i), 10)
		return append(b, `\"x\ud83d\ude00\u00e9"`...)
	case 3:
		b = append(b, `"Jürgen-山田-`...)
		b = strconv.AppendInt(b, int64(i), 10)
		return append(b, '"')
	}
	return strconv.AppendInt(b, 100000000000000000+int64(i), 10)
}

func appendUUID(b []byte, i int) []byte {
	const hex = "0123456789abcdef"
	x := uint64(i)*0x9E3779B97F4A7C15 | 1
	b = append(b, '"')
	for k := range 36 {
		switch k {
		case 8, 13, 18, 23:
			b = append(b, '-')
			continue
		}
		if k < 8 { // the first 8 digits spell i: distinct IDs
			b = append(b, hex[(uint64(i)>>(4*(7-k)))&15])
			continue
		}
		b = append(b, hex[x>>60])
		x = x<<4 | x>>60
	}
	return append(b, '"')
}

// appendExtra appends the fields no pointer reads, as partners send them: an
// e-mail, a name with escapes or non-ASCII text, nested traits with numbers and
// arrays, a timestamp.
func appendExtra(b []byte, i int) []byte {
	b = append(b, `"email":"u`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `@example.com","name":"`...)
	b = append(b, names[i%len(names)]...)
	b = append(b, `","traits":{"age":`...)
	b = strconv.AppendInt(b, int64(18+i%60), 10)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(i%1000-500), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(i%97), 10)
	b = append(b, `e-3,"plan":null,"beta":false,"tags":["b\nc","Zürich"],"geo":{"city":"Z\u00fcrich","lat":47.37,"lon":8.54}},"createdAt":17000000`...)
	b = strconv.AppendInt(b, int64(10000+i%90000), 10)
	return b
}

// appendMember appends the element of member i.
func (s Shape) appendMember(b []byte, i int) []byte {
	switch s {
	case Amplitude:
		c := cohorts[i%len(cohorts)]
		b = append(b, `{"userId":`...)
		b = AppendID(b, i)
		b = append(b, `,"cohortId":"`...)
		b = append(b, c[0]...)
		b = append(b, `","cohortName":"`...)
		b = append(b, c[1]...)
		b = append(b, `","cohortUrl":"https://app.amplitude.com/cohorts/`...)
		b = append(b, c[0]...)
		b = append(b, `","value":`...)
		b = strconv.AppendBool(b, i%4 != 0)
		b = append(b, ',')
	case Rudderstack:
		b = append(b, `{"id":`...)
		b = AppendID(b, i)
		b = append(b, ',')
	default:
		b = append(b, `{"integration_distinct_id":`...)
		b = AppendID(b, i)
		b = append(b, ',')
	}
	b = appendExtra(b, i)
	return append(b, '}')
}

// Generate returns a payload of the shape with n members (rudderstack: n/2 added
// and n/2 removed).
func Generate(s Shape, n int) []byte {
	b := make([]byte, 0, n*300+512)
	switch s {
	case Amplitude:
		b = append(b, `{"environmentId":"5f3c0e0a9b1d2e0012345678","batch":[`...)
	case Rudderstack:
		b = append(b, `{"environmentId":"5f3c0e0a9b1d2e0012345678","contextKind":"user","cohortId":"aud_42","cohortName":"High value \u00e9","cohortUrl":"https://app.rudderstack.com/audiences/aud_42","listData":{"add":[`...)
	default:
		b = append(b, `{"action":"add_members","parameters":{"integration_project_id":"5f3c0e0a9b1d2e0012345678","integration_cohort_id":"zt_77","integration_cohort_name":"Zeotap \"77\"","source":{"org":12,"region":"eu"},"members":[`...)
	}
	for i := range n {
		switch {
		case s == Rudderstack && i == n/2:
			b = append(b, `],"remove":[`...)
		case i > 0:
			b = append(b, ',')
		}
		b = s.appendMember(b, i)
	}
	switch s {
	case Amplitude:
		return append(b, `],"meta":{"sentAt":1700000000123,"sdk":"amplitude-cohort-sync/2.1"}}`...)
	case Rudderstack:
		return append(b, `]},"meta":{"sentAt":1700000000123}}`...)
	}
	return append(b, `],"meta":{"sentAt":1700000000123}}}`...)
}
