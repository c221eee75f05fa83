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

// blockingServer answers 204 to every case, but the case named block stops
// it (as a catastrophic regex blocks Node's event loop) for d, the first time
// only or every time: meanwhile every request, pings included, waits.
func blockingServer(t *testing.T, block string, d time.Duration, everyTime bool) *httptest.Server {
	var blockedUntil atomic.Int64 // unix nanoseconds
	var blocks atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Case string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body.Case == block && (everyTime || blocks.Add(1) == 1) {
			blockedUntil.Store(time.Now().Add(d).UnixNano())
		}
		time.Sleep(time.Until(time.Unix(0, blockedUntil.Load())))
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// runStalled runs 12 cases against srv and returns the outcomes and the
// runner's messages.
func runStalled(t *testing.T, srv *httptest.Server) ([]conformance.Outcome, string) {
	t.Helper()
	var logs []string
	var mu sync.Mutex
	opts := conformance.Options{Parallel: 4, CaseTimeout: 150 * time.Millisecond, RecoverTimeout: 5 * time.Second,
		Log: func(msg string) { mu.Lock(); logs = append(logs, msg); mu.Unlock() }}
	outcomes, err := conformance.Execute(t.Context(), &conformance.HTTP{BaseURL: srv.URL}, stallCases(12), opts)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return outcomes, strings.Join(logs, "\n")
}

// TestStuckCaseStallsNothingElse: one case stops the server for longer than the
// case's deadline, once; the runner reports the stall once, waits for the
// server, runs the unanswered cases again, and every case passes.
func TestStuckCaseStallsNothingElse(t *testing.T) {
	outcomes, logs := runStalled(t, blockingServer(t, "cc", 600*time.Millisecond, false))
	for _, o := range outcomes {
		if o.Status != conformance.Pass {
			t.Errorf("%s: %s\n%s", o.Case.ID(), o.Status, o.Detail)
		}
	}
	if strings.Count(logs, "stopped answering") != 1 || strings.Count(logs, "answers again after") != 1 {
		t.Errorf("want one message about the stall and one about the recovery, got:\n%s", logs)
	}
}

// TestBlockingCaseFailsAlone: a case that stops the server every time fails,
// after a second try alone; every other case passes.
func TestBlockingCaseFailsAlone(t *testing.T) {
	outcomes, logs := runStalled(t, blockingServer(t, "cc", 400*time.Millisecond, true))
	for _, o := range outcomes {
		var te *conformance.TransportError
		switch {
		case o.Case.Name == "cc":
			if o.Status != conformance.Fail || !errors.As(o.Err, &te) || !te.Timeout || !strings.Contains(o.Detail, "the second time either") {
				t.Errorf("%s: %s %v, want a failure without answer, twice\n%s", o.Case.ID(), o.Status, o.Err, o.Detail)
			}
		case o.Status != conformance.Pass:
			t.Errorf("%s: %s\n%s", o.Case.ID(), o.Status, o.Detail)
		}
	}
	if strings.Count(logs, "stopped answering") != 2 {
		t.Errorf("want one message per stall (two), got:\n%s", logs)
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
