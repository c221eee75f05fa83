// Package extract reads the values a declarative parser asks for out of a
// partner's JSON payload, and judges them by the payload rules every capability
// shares (SEMANTICS §3, §4 and §6).
//
// A [Reader] is compiled once from the pointers of one parser: top-level values,
// and optionally one array read element by element with pointers relative to
// each element. [Reader.Read] scans a payload in one strict pass with package
// jsonscan (RFC 8259, UTF-8, the byte, depth and value-length limits of
// parser.Limits) and holds only what the pointers name; the rules ([Reader.Text],
// [Reader.Matchable], [Reader.Bool], [Reader.Array]) then turn each value into
// the capability's result or a *parser.Error with the payload pointer and the
// manifest field. A Reader is immutable and safe for concurrent use.
//
// The packages trigger, approval, memberlist, dynamicoptions and featurestore
// are built on it; package parser's synced-segment program has its own
// collector, tuned for member arrays of a million IDs, and applies the same
// rules.
package extract
