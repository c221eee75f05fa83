package playground

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/segsync/segsync/spec"
)

// A run that outlasts Options.Timeout is answered 503 timeout and keeps its
// slot until it ends: with one slot, the next request waits and gets 503 busy;
// once the run ends, requests run again.
func TestTimeoutAndBusy(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(1)
	var once sync.Once
	caps := map[string]capability{
		"slow": {run: func(*RunRequest) (*RunResponse, error) {
			once.Do(started.Done)
			<-release
			return &RunResponse{Problems: []spec.Placed{}}, nil
		}},
		"fast": {run: func(*RunRequest) (*RunResponse, error) { return &RunResponse{Problems: []spec.Placed{}}, nil }},
	}
	h := newHandler(Options{Timeout: 150 * time.Millisecond, MaxConcurrent: 1}, caps)
	post := func(capability string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "http://localhost/api/run", strings.NewReader(`{"capability": "`+capability+`"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()

	start := time.Now()
	rec := post("slow")
	started.Wait()
	if e := requestError(t, rec); rec.Code != 503 || e.Code != CodeTimeout {
		t.Fatalf("slow run: status %d, %+v; want 503 timeout", rec.Code, e)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the timeout answer took %v", d)
	}
	rec = post("fast")
	if e := requestError(t, rec); rec.Code != 503 || e.Code != CodeBusy {
		t.Fatalf("while the slow run holds the slot: status %d, %+v; want 503 busy", rec.Code, e)
	}
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec = post("fast")
		if rec.Code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the slot was not given back: status %d, %s", rec.Code, rec.Body)
		}
		time.Sleep(10 * time.Millisecond)
	}
	var out RunResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Capability != "fast" {
		t.Fatalf("%s: %v", rec.Body, err)
	}
}

func TestOptionsDefaults(t *testing.T) {
	got := Options{}.withDefaults()
	if got.MaxRequestBytes != DefaultMaxRequestBytes || got.Timeout != DefaultTimeout || got.MaxConcurrent != DefaultMaxConcurrent {
		t.Errorf("%+v", got)
	}
	hosts := []string{"dev.internal"}
	set := Options{MaxRequestBytes: 10, Timeout: time.Second, MaxConcurrent: 7, AllowedHosts: hosts}
	if diff := cmp.Diff(set, set.withDefaults()); diff != "" {
		t.Errorf("set options changed (-set +used):\n%s", diff)
	}
	// The handler keeps its own copy of the list.
	h := New(set)
	hosts[0] = "other"
	if !h.hostAllowed("dev.internal:8080") || h.hostAllowed("other") {
		t.Errorf("the handler shares the caller's AllowedHosts")
	}
}
