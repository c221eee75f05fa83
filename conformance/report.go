package conformance

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// GroupSummary counts the outcomes of one group (one case file).
type GroupSummary struct {
	Group                                                     string
	Passed, Failed, KnownDiffs, Skipped, NotObservable, Stale int
}

// Summarize counts outcomes per group, groups in order of first appearance; the
// last entry is the total, named "total".
func Summarize(outcomes []Outcome) []GroupSummary {
	var out []GroupSummary
	index := make(map[string]int)
	total := GroupSummary{Group: "total"}
	for _, o := range outcomes {
		i, ok := index[o.Case.Group]
		if !ok {
			i = len(out)
			index[o.Case.Group] = i
			out = append(out, GroupSummary{Group: o.Case.Group})
		}
		for _, s := range []*GroupSummary{&out[i], &total} {
			switch o.Status {
			case Pass:
				s.Passed++
			case Fail:
				s.Failed++
			case KnownDifference:
				s.KnownDiffs++
			case Skip:
				s.Skipped++
			case NotObservable:
				s.NotObservable++
			case Stale:
				s.Stale++
			}
		}
	}
	return append(out, total)
}

// WriteSummary writes the per-group table of Summarize.
func WriteSummary(w io.Writer, outcomes []Outcome) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "group\tpassed\tfailed\tknown differences\tskipped\tnot observable\tstale")
	for _, s := range Summarize(outcomes) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Group, s.Passed, s.Failed, s.KnownDiffs, s.Skipped, s.NotObservable, s.Stale)
	}
	return tw.Flush()
}

// Totals returns one sentence with the run's totals, nouns in the right
// number: "409 cases: 320 passed, 1 failed, ...", leaving out the statuses that
// no case has.
func Totals(outcomes []Outcome) string {
	all := Summarize(outcomes)
	t := all[len(all)-1]
	parts := []string{}
	for _, p := range []struct {
		n    int
		what string
	}{{t.Passed, "passed"}, {t.Failed, "failed"}, {t.KnownDiffs, "known difference"}, {t.Skipped, "skipped"}, {t.NotObservable, "not observable"}, {t.Stale, "stale"}} {
		switch {
		case p.n == 0:
		case p.what == "known difference":
			parts = append(parts, plural(p.n, "known difference", "known differences"))
		default:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return plural(len(outcomes), "case", "cases") + ": " + strings.Join(parts, ", ")
}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes outcomes as a JUnit XML report, one test suite per group
// named "<target>/<group>"; known differences and cases that are not
// observable are reported as skipped, stale known differences as failures.
func WriteJUnit(w io.Writer, target string, outcomes []Outcome) error {
	var doc junitSuites
	index := make(map[string]int)
	secs := func(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
	var times []time.Duration
	for _, o := range outcomes {
		i, ok := index[o.Case.Group]
		if !ok {
			i = len(doc.Suites)
			index[o.Case.Group] = i
			doc.Suites = append(doc.Suites, junitSuite{Name: target + "/" + o.Case.Group})
			times = append(times, 0)
		}
		s := &doc.Suites[i]
		tc := junitCase{Name: o.Case.Name, ClassName: o.Case.Group, Time: secs(o.Duration)}
		s.Tests++
		times[i] += o.Duration
		switch o.Status {
		case Fail:
			s.Failures++
			tc.Failure = &junitMessage{Message: "failed", Text: o.Detail}
		case KnownDifference, NotObservable:
			s.Skipped++
			tc.Skipped = &junitMessage{Message: o.Status.String(), Text: o.Detail}
		case Stale:
			s.Failures++
			tc.Failure = &junitMessage{Message: "stale known difference", Text: o.Detail}
		case Skip:
			s.Skipped++
			tc.Skipped = &junitMessage{Message: "skipped", Text: o.Detail}
		}
		s.Cases = append(s.Cases, tc)
	}
	for i := range doc.Suites {
		doc.Suites[i].Time = secs(times[i])
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
