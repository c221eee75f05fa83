// Package conformance is segsync's shareable conformance suite: a corpus of cases,
// each a synced-segment spec, a partner payload and the outcome the semantics
// require, and a runner that checks any implementation against them.
//
// The cases live in JSON files grouped by topic under cases/, embedded in the
// package (see [Bundled]) and documented in the package's README.md so that other
// implementations can read them directly. [Load] reads cases in the same format
// from any directory.
//
// An implementation is plugged in as a [Target]: [Library] runs segsync's own
// parser in process, [HTTP] posts payloads to any server that speaks the
// synced-segment endpoint. [Execute] runs cases against a target and returns one
// [Outcome] per case without needing a *testing.T; [Run] is the thin wrapper that
// runs every bundled case as a parallel subtest named "file/case".
//
// Known differences belong to one implementation: a [Profile] (embedded under
// profiles/, see [BundledProfile]) states, case by case, the answer a named
// implementation gives where it departs from the specification, and
// [Options].Profile applies it to a run. Without a profile nothing is excused; a
// stated answer that does not occur makes the case [Stale]. The runner gives each
// case a deadline and does not let a target that stops answering stall the run.
//
// The package is not a place for the semantics themselves: it only states what
// they require, case by case, and compares.
package conformance
