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
// BenchmarkField runs the field; BenchmarkSmall (a 1 kB payload) and
// BenchmarkReaderRatio (ParseReader against Parse) measure issue 14's other goals
// in the same run; the repository's internal/benchplot (with -field) turns their
// output into the tables and plot of BENCHMARKS.md, which has the command.
// BenchmarkParse times Parse alone, for profiles and for comparing two versions
// of the library.
package bench
