package parser

import "github.com/segsync/segsync/internal/jsonscan"

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
