package bench

import (
	"encoding/json"

	"github.com/bytedance/sonic"
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
	{Name: "json.Valid", Valid: json.Valid},
	{Name: "sonic.Valid", Valid: sonic.Valid},
	{Name: "gjson.Valid", Valid: gjson.ValidBytes},
	{Name: "oj.Validate", Valid: OJValidate},
	{Name: "quote-loop", Valid: CountQuotes},
}
