package parser

import (
	"testing"

	"github.com/segsync/segsync/internal/jsonscan"
)

// ScanQueryOnly runs the first phase of Parse alone, for BenchmarkBreakdown: the
// scan with the program's query and a handler that ignores every event.
func ScanQueryOnly(p *Program, payload []byte) error {
	return p.query.Scan(payload, jsonscan.NopHandler{})
}

// ScanCollectOnly runs the first two phases of Parse, for BenchmarkBreakdown: the
// scan with the collector, without building the result.
func ScanCollectOnly(p *Program, payload []byte) error {
	c := p.getCollector()
	defer p.putCollector(c)
	return p.query.Scan(payload, c)
}

// SetMaxMembersText lowers to n, until the test ends, the most bytes of IDs a
// Members holds with end offsets, so that tests reach the form of a list past
// 4 GiB without allocating it.
func SetMaxMembersText(t testing.TB, n int64) {
	old := maxMembersText
	maxMembersText = n
	t.Cleanup(func() { maxMembersText = old })
}
