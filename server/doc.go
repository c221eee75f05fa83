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
//
// Requests are checked in this order: the method (405, with Allow: POST), the
// access token when one is set (403), the integration key (404), the Content-Type
// (415), the body's size (413), then the payload. Every answer, including those
// for paths the handler does not serve (404), has a JSON body and one log line.
package server
