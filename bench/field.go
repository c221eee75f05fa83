package bench

import (
	"encoding/json"

	"github.com/bytedance/sonic"
	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/parser"
	"github.com/tidwall/gjson"
)

// Peers is the field, in the order tables show it: segsync's Parse is measured
// separately (it is the reference the extractors are checked against).
var Peers = []Peer{
	{Name: "jsontext", Extract: JSONText},
	{Name: "simdjson-go", Extract: SIMDJSON},
	{Name: "gjson", Extract: GJSON},
	{Name: "sonic", Extract: Sonic},
	{Name: "ojg", Extract: OJG},
	{Name: "naive", Extract: Naive},
	{Name: "segsync.scan", Valid: ScanOnly},
	{Name: "json.Valid", Valid: json.Valid},
	{Name: "sonic.Valid", Valid: sonic.Valid},
	{Name: "gjson.Valid", Valid: gjson.ValidBytes},
	{Name: "oj.Validate", Valid: OJValidate},
	{Name: "quote-loop", Valid: CountQuotes},
}

// scanOnly is segsync's scanner with an empty query and Parse's default depth
// limit. (Compiling it cannot fail: like regexp.MustCompile, a failure would be
// a bug, not an input.)
var scanOnly = func() *jsonscan.Query {
	q, err := jsonscan.Compile(nil, jsonscan.WithMaxDepth(parser.DefaultMaxDepth))
	if err != nil {
		panic(err)
	}
	return q
}()

// ScanOnly validates data with segsync's scanner alone (an empty query): the
// strict validation that Parse does before it extracts anything, for the field
// to show how much of Parse's time is extraction.
func ScanOnly(data []byte) bool {
	return scanOnly.Scan(data, jsonscan.NopHandler{}) == nil
}
