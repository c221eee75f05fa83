package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
)

// events collects observer events.
type events struct {
	mu  sync.Mutex
	got []server.Event
}

func (e *events) observe(_ context.Context, ev server.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, ev)
}

func (e *events) all() []server.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]server.Event(nil), e.got...)
}

func (e *events) wait(t *testing.T, n int) []server.Event {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for len(e.all()) < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	got := e.all()
	require.Len(t, got, n)
	return got
}

func bigServer(t *testing.T, opts ...server.Option) (*httptest.Server, *server.Handler) {
	t.Helper()
	reg, err := server.LoadDir("testdata/integrations", parser.WithLimits(parser.Limits{MaxBytes: 8 << 20}))
	require.NoError(t, err)
	h := server.New(reg, opts...)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, h
}

// acmePayload is a valid acme-cdp payload of about n bytes.
func acmePayload(n int) string {
	var b strings.Builder
	b.WriteString(`{"environmentId":"env-1","batch":[`)
	for i := 0; b.Len() < n-100; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"userId":"user-` + itoa(i) + `","value":true,"cohortId":"c1","cohortName":"One"}`)
	}
	b.WriteString(`]}`)
	return b.String()
}

// slowPost starts a POST whose body is written by the caller, declaring n bytes.
func slowPost(t *testing.T, url string, n int) (*io.PipeWriter, <-chan *http.Response) {
	t.Helper()
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", url, pr)
	require.NoError(t, err)
	req.ContentLength = int64(n)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("slow post: %v", err)
			done <- nil
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(strings.NewReader(string(body)))
		done <- resp
	}()
	return pw, done
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestAdmission: a request that does not fit the in-flight budget waits its
// bounded time, then gets 503 with Retry-After and JSON, its body drained so that
// the client is not reset; the first request then completes.
func TestAdmission(t *testing.T) {
	ev := &events{}
	payload := acmePayload(1 << 20)
	srv, h := bigServer(t, server.WithMaxInFlight(int64(len(payload))+1000, 100*time.Millisecond), server.WithObserver(ev.observe))
	url := srv.URL + "/api/v2/segment-targets/acme-cdp"

	pw, first := slowPost(t, url, len(payload))
	_, err := io.WriteString(pw, payload[:1000])
	require.NoError(t, err)
	waitFor(t, "the first request's reservation", func() bool { return h.InFlightBytes() == int64(len(payload)) })

	// The second does not fit: 503 after about 100ms, with its 1 MB body drained.
	t0 := time.Now()
	resp, err := http.Post(url, "application/json", strings.NewReader(payload))
	require.NoError(t, err, "the rejected client must get an answer, not a reset")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.GreaterOrEqual(t, time.Since(t0), 100*time.Millisecond)
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	var e struct{ Code string }
	require.NoError(t, json.Unmarshal(body, &e))
	assert.Equal(t, "overloaded", e.Code)

	// A small one fits beside the first.
	resp, err = http.Post(url, "application/json", strings.NewReader(acmeBody))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 204, resp.StatusCode)

	_, err = io.WriteString(pw, payload[1000:])
	require.NoError(t, err)
	pw.Close()
	r := <-first
	require.NotNil(t, r)
	assert.Equal(t, 204, r.StatusCode)
	waitFor(t, "the budget's release", func() bool { return h.InFlightBytes() == 0 })

	got := ev.wait(t, 3)
	var rejected *server.Event
	for i := range got {
		if got[i].Status == 503 {
			rejected = &got[i]
		}
	}
	require.NotNil(t, rejected)
	assert.Equal(t, server.CodeOverloaded, rejected.Code)
	assert.Equal(t, int64(len(payload)), rejected.BytesRead, "the rejected body was drained")
	assert.GreaterOrEqual(t, rejected.Waited, 100*time.Millisecond)
}

// TestAdmissionChunked: a body without a Content-Length reserves its program's
// MaxBytes, capped at the budget, so that it can run alone.
func TestAdmissionChunked(t *testing.T) {
	srv, h := bigServer(t, server.WithMaxInFlight(1<<20, time.Second))
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", srv.URL+"/api/v2/segment-targets/acme-cdp", pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	_, err = io.WriteString(pw, acmeBody[:10])
	require.NoError(t, err)
	waitFor(t, "the reservation", func() bool { return h.InFlightBytes() == 1<<20 })
	_, err = io.WriteString(pw, acmeBody[10:])
	require.NoError(t, err)
	pw.Close()
	assert.Equal(t, 204, <-done)
}

// TestStop: once the stop signal is done, a request still reading its body gets
// 503 shutting_down, and one waiting for the budget too.
func TestStop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ev := &events{}
	payload := acmePayload(64 << 10)
	srv, h := bigServer(t, server.WithStop(ctx), server.WithObserver(ev.observe), server.WithMaxInFlight(int64(len(payload)), 10*time.Second))
	url := srv.URL + "/api/v2/segment-targets/acme-cdp"

	pw, first := slowPost(t, url, len(payload))
	defer pw.Close()
	_, err := io.WriteString(pw, payload[:100])
	require.NoError(t, err)
	waitFor(t, "the reservation", func() bool { return h.InFlightBytes() > 0 })
	pw2, second := slowPost(t, url, len(payload)) // waits for the budget
	defer pw2.Close()
	time.Sleep(50 * time.Millisecond)
	cancel()
	for _, c := range []<-chan *http.Response{first, second} {
		select {
		case r := <-c:
			require.NotNil(t, r)
			assert.Equal(t, 503, r.StatusCode)
			body, _ := io.ReadAll(r.Body)
			assert.Contains(t, string(body), `"code":"shutting_down"`)
		case <-time.After(3 * time.Second):
			t.Fatal("no answer after the stop")
		}
	}
	for _, e := range ev.wait(t, 2) {
		assert.Equal(t, server.CodeShuttingDown, e.Code)
	}
}

// TestAdmissionCapped: a body larger than the whole budget reserves the budget
// and runs alone, rather than waiting for ever.
func TestAdmissionCapped(t *testing.T) {
	payload := acmePayload(64 << 10)
	srv, _ := bigServer(t, server.WithMaxInFlight(1000, 100*time.Millisecond))
	resp, err := http.Post(srv.URL+"/api/v2/segment-targets/acme-cdp", "application/json", strings.NewReader(payload))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 204, resp.StatusCode)
}

// TestAdmissionExpectContinue: a client waiting for 100 Continue that gets 503
// is not sent 100 Continue, and its connection ends after the answer.
func TestAdmissionExpectContinue(t *testing.T) {
	payload := acmePayload(4096)
	srv, h := bigServer(t, server.WithMaxInFlight(int64(len(payload)), 50*time.Millisecond))
	pw, first := slowPost(t, srv.URL+"/api/v2/segment-targets/acme-cdp", len(payload))
	_, err := io.WriteString(pw, payload[:10])
	require.NoError(t, err)
	waitFor(t, "the reservation", func() bool { return h.InFlightBytes() > 0 })

	resp, body := rawRequest(t, srv.Listener.Addr().String(), "POST /api/v2/segment-targets/acme-cdp HTTP/1.1\r\nHost: x\r\n"+
		"Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "+itoa(len(payload))+"\r\n\r\n")
	assert.Equal(t, 503, resp.StatusCode, "the first answer is the 503, not 100 Continue")
	assert.True(t, resp.Close, "Connection: close")
	assert.Contains(t, string(body), `"code":"overloaded"`)

	_, err = io.WriteString(pw, payload[10:])
	require.NoError(t, err)
	pw.Close()
	r := <-first
	require.NotNil(t, r)
	assert.Equal(t, 204, r.StatusCode)
}
