package memberlist_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/segsync/segsync/jsonvalue"
	"github.com/segsync/segsync/memberlist"
)

// memberListBody is a member list response of n members in the shape of the
// ServiceNow user table: each member carries fields the parser does not read.
func memberListBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"result": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"sys_id": "%032x", "user_name": "user.%d", "email": "user.%d@example.com", "active": "true", "title": "Engineer", "department": {"link": "https://x.example.com/api/now/table/cmn_department/%d", "value": "%d"}}`, i, i, i, i, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// BenchmarkParse times Parse against a baseline in the same run: decoding the
// whole body into a tree with jsonvalue.Decode (the strict decoder) and reading
// the same two values of every member from it.
func BenchmarkParse(b *testing.B) {
	prog := compile(b)
	for _, n := range []int{10, 1000} {
		body := memberListBody(n)
		b.Run(fmt.Sprintf("members=%d/parse", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := prog.Parse(body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("members=%d/baseline-decode", n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				doc, err := jsonvalue.Decode(body, 0)
				if err != nil {
					b.Fatal(err)
				}
				res, _ := doc.(*jsonvalue.Object).Get("result")
				out := make([]memberlist.Member, 0, len(res.([]any)))
				for _, el := range res.([]any) {
					o := el.(*jsonvalue.Object)
					email, _ := o.Get("email")
					id, _ := o.Get("user_name")
					out = append(out, memberlist.Member{Email: email.(string), MemberID: id.(string)})
				}
				if len(out) != n {
					b.Fatal(len(out))
				}
			}
		})
	}
}
