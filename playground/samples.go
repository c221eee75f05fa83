package playground

import "embed"

// samples holds each capability's sample manifest and payload. The
// synced-segment ones are copies of examples/boolean (a test keeps them
// identical); the others (parsers.go names them) are the project's own,
// written for the playground in the shapes of the public manifests.
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
