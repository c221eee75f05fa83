// Package server serves compiled synced-segment programs over HTTP, as the
// LaunchDarkly endpoint partners call:
//
//	POST /api/v2/segment-targets/{integrationKey}
//	POST /api/v2/segment-target/{integrationKey}
//
// A [Registry] holds one compiled program per integration, loaded from a
// directory laid out as <integrationKey>/manifest.json ([LoadDir], or [LoadFS]
// over any file system); an [AtomicRegistry] lets a service swap in a reloaded
// registry while it serves. A [Handler] answers requests with each program's
// configured response. The handler applies no segment updates itself: it is the
// parsing and answering front of a service, which receives each accepted result
// through [WithResultFunc].
//
// Requests are checked in this order: the path (404; the handler routes by
// itself, with no redirects), the method (405, with Allow: POST), the access
// token when one is set (403), the integration key (404; matched ignoring ASCII
// case only), the Content-Type (415: JSON, in UTF-8), the Content-Encoding (415
// unless identity), a declared Content-Length over the program's MaxBytes (413,
// before any byte of the body is read and so before 100 Continue), the
// in-flight budget ([WithMaxInFlight]: 503 with Retry-After after a bounded
// wait), then the payload, streamed through [parser.Program.RespondReader]: no
// body is held whole. A body that cannot be read is 400, or 408 when it did not
// arrive in time; a body cut by the server's stop ([WithStop]) is 503.
//
// Every answer has a JSON body (but 204) and one log line, and is reported to
// the observers ([WithObserver]) as an [Event]; package server/metrics builds
// Prometheus metrics on them. Log lines show a request's key clipped to 64 bytes
// and quoted. An answer given before the body was read is flushed first, then
// the body is drained (at most 64 MiB, within 30 s), so that a client still
// sending is not reset.
package server
