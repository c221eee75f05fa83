// Package parser compiles a manifest's syncedSegment requestParser into a
// [Program] that turns partner payloads into normalized segment updates.
//
// [Compile] applies every compile-time rule of the synced-segment semantics at once,
// reporting all problems with their manifest pointers, and prepares everything a
// payload needs (pointers split, the matcher compiled). The resulting Program is
// immutable and safe for concurrent use: compile once, then call [Program.Parse] or
// [Program.ParseReader] for every payload. A payload that breaks a rule is rejected
// whole with an [*Error] carrying the HTTP status, a stable code, the payload
// pointer and the manifest field.
package parser
