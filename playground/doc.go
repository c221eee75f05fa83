// Package playground serves a page for writing a manifest and a payload in a
// browser and seeing the verdict as one types: the manifest's compile problems
// and warnings at their line and column, the normalized result, the response the
// endpoint would give (status and body), and the error object of a rejected
// payload. The segsync command serves it as `segsync playground`.
//
// The engine is the library itself: the page posts its text to a small JSON API
// of the same handler, which compiles the manifest with parser.CompileJSON and
// runs the payload with Program.Respond (payloadgen makes example payloads,
// as `segsync example` does). Nothing is stored on the server; the page keeps its
// state in the URL fragment, so a link reproduces it.
//
// The routes of a Handler:
//
//	GET  /                  the page (its script and style are embedded in the binary)
//	GET  /api/capabilities  the capabilities the handler runs, each with a sample manifest and payload
//	POST /api/run           RunRequest → RunResponse
//	POST /api/example       ExampleRequest → ExampleResponse
//
// Every API request must be JSON (Content-Type application/json), at most
// Options.MaxRequestBytes long; at most Options.MaxConcurrent runs go on at once,
// and one that takes longer than Options.Timeout is answered 503 (the run itself
// keeps its slot until it finishes, so that abandoned runs cannot pile up). A
// request the API refuses is answered with a RequestError in
// {"requestError": {...}}.
//
// Requests must name localhost, an IP address or one of Options.AllowedHosts in
// their Host header (403 otherwise), so that a web page whose name a DNS
// rebinding points at this machine cannot use the playground.
//
// The playground is a tool for a person at their own machine: serve it on a
// loopback address (the command's default is 127.0.0.1:8080). It is not an
// ingestion endpoint; package server is.
package playground
