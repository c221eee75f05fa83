package conformance_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segsync/segsync/conformance"
)

// stallCases builds n result cases posting to key "k" whose payload names the
// case, so that a server can tell them apart.
func stallCases(n int) []*conformance.Case {
	var cases []*conformance.Case
	for i := range n {
		name := "c" + string(rune('a'+i))
		cases = append(cases, &conformance.Case{Name: name, Group: "g", Spec: json.RawMessage(`{"requestParser": {}}`),
			IntegrationKey: "k", Payload: json.RawMessage(`{"case": "` + name + `"}`), Result: &conformance.Result{Segments: []conformance.Segment{}}})
	}
	return cases
}

// TestStuckCaseStallsNothingElse: one case blocks the server (as a catastrophic
// regex blocks Node's event loop) for longer than the case's deadline; that
// case fails, the runner reports the stall once, waits for the server, and
// every other case still passes.
func TestStuckCaseStallsNothingElse(t *testing.T) {
	var blockedUntil atomic.Int64 // unix nanoseconds; 0 before the block
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Case string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body.Case == "cc" {
			blockedUntil.CompareAndSwap(0, time.Now().Add(600*time.Millisecond).UnixNano())
		}
		// Every request, pings included, waits while the server is blocked.
		time.Sleep(time.Until(time.Unix(0, blockedUntil.Load())))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	var logs []string
	var logMu sync.Mutex
	opts := conformance.Options{Parallel: 4, CaseTimeout: 200 * time.Millisecond, RecoverTimeout: 5 * time.Second,
		Log: func(msg string) { logMu.Lock(); logs = append(logs, msg); logMu.Unlock() }}
	cases := stallCases(12)
	outcomes, err := conformance.Execute(t.Context(), &conformance.HTTP{BaseURL: srv.URL}, cases, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The case that timed out first fails (cc, or a case sent with it that
	// reached the server behind it); every other case passes.
	failed := 0
	for _, o := range outcomes {
		var te *conformance.TransportError
		switch {
		case o.Status == conformance.Fail && errors.As(o.Err, &te) && te.Timeout:
			failed++
		case o.Status != conformance.Pass:
			t.Errorf("%s: %s\n%s", o.Case.ID(), o.Status, o.Detail)
		}
	}
	if failed != 1 {
		t.Errorf("%d cases failed without an answer, want the one that stalled the server", failed)
	}
	stopped := 0
	for _, l := range logs {
		if strings.Contains(l, "stopped answering") {
			stopped++
		}
	}
	if stopped != 1 || !strings.Contains(strings.Join(logs, "\n"), "answers again after") {
		t.Errorf("want one message about the stall and one about the recovery, got:\n%s", strings.Join(logs, "\n"))
	}
}

// TestDeadTargetReportedOnce: a server that stops answering for good fails the
// unanswered cases, and the cases not run share ErrUnreachable.
func TestDeadTargetReportedOnce(t *testing.T) {
	release := make(chan struct{})
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) > 2 {
			<-release // hangs from the third request on, pings included
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	defer close(release)
	var logs []string
	opts := conformance.Options{Parallel: 1, CaseTimeout: 100 * time.Millisecond, RecoverTimeout: 300 * time.Millisecond,
		Log: func(msg string) { logs = append(logs, msg) }}
	outcomes, err := conformance.Execute(t.Context(), &conformance.HTTP{BaseURL: srv.URL}, stallCases(20), opts)
	if err != nil {
		t.Fatal(err)
	}
	var passed, unanswered, unreached int
	for _, o := range outcomes {
		var te *conformance.TransportError
		switch {
		case o.Status == conformance.Pass:
			passed++
		case o.Status == conformance.Fail && errors.Is(o.Err, conformance.ErrUnreachable):
			unreached++
		case o.Status == conformance.Fail && errors.As(o.Err, &te) && te.Timeout:
			unanswered++
		default:
			t.Errorf("%s: %s %v\n%s", o.Case.ID(), o.Status, o.Err, o.Detail)
		}
	}
	if passed != 2 || unanswered != 1 || unreached != 17 {
		t.Errorf("passed %d, unanswered %d, unreached %d; want 2, 1, 17", passed, unanswered, unreached)
	}
	if len(logs) != 2 || !strings.Contains(logs[1], "did not answer again within 300ms") {
		t.Errorf("want two messages (stopped, gave up), got:\n%s", strings.Join(logs, "\n"))
	}
}

// TestHangingCasesRunLast: a case whose profile behaviour is "hang" runs after
// every other case, so that the block it causes stalls nothing.
func TestHangingCasesRunLast(t *testing.T) {
	var order []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Case string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		order = append(order, body.Case)
		mu.Unlock()
		if body.Case == "ca" {
			<-r.Context().Done() // never answers in time
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	p, err := conformance.ParseProfile([]byte(`{"implementation": "t", "differences": [{"case": "g/ca", "expect": "hang", "row": "r"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	outcomes, err := conformance.Execute(t.Context(), &conformance.HTTP{BaseURL: srv.URL}, stallCases(5),
		conformance.Options{Profile: p, Parallel: 2, CaseTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if outcomes[0].Status != conformance.KnownDifference {
		t.Errorf("g/ca: %s\n%s", outcomes[0].Status, outcomes[0].Detail)
	}
	for _, o := range outcomes[1:] {
		if o.Status != conformance.Pass {
			t.Errorf("%s: %s\n%s", o.Case.ID(), o.Status, o.Detail)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(order) != 5 || order[4] != "ca" {
		t.Errorf("requests in order %v, want ca last", order)
	}
}

func TestPreflight(t *testing.T) {
	cases := stallCases(3)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	status := func(code int) *httptest.Server {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }))
		t.Cleanup(s.Close)
		return s
	}
	for name, tt := range map[string]struct {
		url  string
		want string // "" for no error
	}{
		"refused":   {closed.URL, "no answer to a request to"},
		"403":       {status(403).URL, "it refuses every one of the 1 integration key (401/403)"},
		"404":       {status(404).URL, "it answers 404 for every one of the 1 integration key"},
		"405":       {status(405).URL, "it answers 401, 403, 404 or 405 for every one of the 1 integration key"},
		"400 is ok": {status(400).URL, ""},
		"500 is ok": {status(500).URL, ""},
	} {
		t.Run(name, func(t *testing.T) {
			err := (&conformance.HTTP{BaseURL: tt.url}).Preflight(t.Context(), cases)
			var pe *conformance.PreflightError
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("got %v, want no error", err)
			case tt.want != "" && (!errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want a *PreflightError containing %q", err, tt.want)
			}
		})
	}
}
