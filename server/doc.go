// Package server serves compiled synced-segment programs over HTTP, as the
// LaunchDarkly endpoint partners call:
//
//	POST /api/v2/segment-targets/{integrationKey}
//	POST /api/v2/segment-target/{integrationKey}
//
// A [Registry] holds one compiled program per integration, loaded from a
// directory laid out as <integrationKey>/manifest.json; a [Handler] answers
// requests with each program's configured response. The handler applies no
// segment updates itself: it is the parsing and answering front of a service,
// which receives each accepted result through [WithResultFunc].
package server
