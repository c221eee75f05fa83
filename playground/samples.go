package playground

import "embed"

// samples holds each capability's sample manifest and payload, by capability
// name. The synced-segment ones are copies of examples/boolean (a test keeps
// them identical).
//
//go:embed samples
var samples embed.FS

// mustSample returns the text of an embedded sample; a missing one is a
// build mistake, caught by every test of the package.
func mustSample(name string) string {
	b, err := samples.ReadFile("samples/" + name)
	if err != nil {
		panic("playground: missing embedded sample " + name)
	}
	return string(b)
}
