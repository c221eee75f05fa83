// Package parser compiles a manifest's syncedSegment requestParser into a
// [Program] that turns partner payloads into normalized segment updates.
//
// [Compile] (or [CompileJSON] from manifest bytes) applies every compile-time rule
// of the synced-segment semantics at once, reporting all problems with their
// manifest pointers and the warnings of specs that cannot be meant, and prepares
// everything a payload needs (pointers compiled into one scan, the matcher and the
// response template compiled). The resulting Program is immutable and safe for
// concurrent use: compile once, then call [Program.Parse] or [Program.ParseReader]
// for every payload, or [Program.Respond], [Program.RespondWith] and
// [Program.RespondReader] for the answer an endpoint gives. Each reads a payload
// in one strict pass and holds only what the program reads, within [Limits]. A
// payload that breaks a rule is rejected whole with an [*Error] carrying the HTTP
// status, a stable code, the payload pointer (or byte offset) and the manifest
// field. An accepted one gives a [Result]: its segments, each with the members
// to add and to remove as [Members], compact lists (one text and a 4-byte end
// per ID).
package parser
