// Package bench measures segsync's payload parser against the field: other Go JSON
// libraries doing the same job (finding the member arrays of a synced-segment
// payload and reading each member's ID, membership and cohort), validators that
// extract nothing, the naive encoding/json path and a byte loop as the floor.
//
// It is a separate module, so that the peers it measures never become dependencies
// of the library. Payloads are generated (see [Generate]) in the three shapes that
// real partner manifests read: amplitude (boolean membership with per-member cohort
// overrides), rudderstack (named add and remove arrays) and zeotap (an action
// value). Every extracting peer's members are checked against segsync's
// ([Digest]), so that a fast but wrong peer is marked as such.
//
// BenchmarkField runs the field; the repository's internal/benchplot (with
// -field) turns its output into the table and plot of BENCHMARKS.md, which has
// the command.
package bench
