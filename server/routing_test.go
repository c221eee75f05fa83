package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/server"
)

const acmeBody = `{"environmentId":"env-1","batch":[{"userId":"u1","value":true,"cohortId":"c1","cohortName":"One"}]}`

// rawRequest sends req as it is over a new connection and returns the answer.
func rawRequest(t *testing.T, addr, req string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, req)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

// TestRequestTargets: the handler answers every request target with JSON and a
// log line, with no redirect, and matches keys ignoring ASCII case only.
func TestRequestTargets(t *testing.T) {
	logs := &syncBuffer{}
	reg, err := server.LoadDir("testdata/integrations")
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(server.New(reg, server.WithLogger(slog.New(slog.NewTextHandler(logs, nil)))))
	srv.Config.DisableGeneralOptionsHandler = true
	srv.Start()
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()
	post := func(target string) string {
		return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
			itoa(len(acmeBody)) + "\r\nConnection: close\r\n\r\n" + acmeBody
	}
	tests := []struct {
		name, req string
		status    int
		code      string
	}{
		{"options-star", "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, "not_found"},
		{"dot-segments", post("/api/v2/segment-targets/../segment-targets/acme-cdp"), 404, "not_found"},
		{"dot-dot-prefix", post("/../api/v2/segment-targets/acme-cdp"), 404, "not_found"},
		{"dot-dot-key", post("/api/v2/segment-targets/.."), 404, "not_found"},
		{"encoded-slash-key", post("/api/v2/segment-targets/acme%2Fcdp"), 404, "not_found"},
		{"kelvin-sign", post("/api/v2/segment-targets/acme-cdp%E2%84%AA"), 404, "not_found"},
		{"kelvin-sign-in-place-of-k", post("/api/v2/segment-targets/%E2%84%AAey"), 404, "not_found"},
		{"ascii-case", post("/api/v2/segment-targets/ACME-cdp"), 204, ""},
		{"percent-encoded-letters", post("/api/v2/segment-targets/acme%2Dcdp"), 204, ""},
		{"empty-key", post("/api/v2/segment-targets/"), 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			resp, body := rawRequest(t, addr, tt.req)
			assert.Equal(t, tt.status, resp.StatusCode, "%s", body)
			if tt.code != "" {
				assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
				var e struct{ Code string }
				require.NoError(t, json.Unmarshal(body, &e), "%s", body)
				assert.Equal(t, tt.code, e.Code)
			}
			waitLines(t, logs, 1)
		})
	}
}

// TestKelvinKeyNotRouted: a key "rudderstack" is not reached through U+212A
// (Kelvin sign), which Unicode case folding maps to 'k'.
func TestKelvinKeyNotRouted(t *testing.T) {
	reg, err := server.LoadDir("testdata/integrations")
	require.NoError(t, err)
	_, ok := reg.Lookup("acme-cdp")
	require.True(t, ok)
	for _, key := range []string{"\u212Acme-cdp", "acme-cdp\u212A", "ACME-CDP\u0130", "acme-cdp\x00", "acme cdp"} {
		_, ok := reg.Lookup(key)
		assert.False(t, ok, "%q", key)
	}
	_, ok = reg.Lookup("AcMe-CdP")
	assert.True(t, ok)
}

func TestContentTypeAndEncoding(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, contentType, encoding string
		status                      int
		message                     string
	}{
		{"utf-8", "application/json; charset=utf-8", "", 204, ""},
		{"UTF-8-upper", "application/json; charset=UTF-8", "", 204, ""},
		{"identity", "application/json", "identity", 204, ""},
		{"latin1", "application/json; charset=latin1", "", 415, `charset "latin1" is not supported`},
		{"utf-16", "application/json; charset=utf-16", "", 415, `charset "utf-16" is not supported`},
		{"gzip", "application/json", "gzip", 415, `Content-Encoding "gzip" is not supported: send the body uncompressed`},
		{"identity-then-br", "application/json", "identity, br", 415, `Content-Encoding "br" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("POST", srv.URL+"/api/v2/segment-targets/acme-cdp", strings.NewReader(acmeBody))
			require.NoError(t, err)
			req.Header.Set("Content-Type", tt.contentType)
			if tt.encoding != "" {
				req.Header.Set("Content-Encoding", tt.encoding)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode, "%s", body)
			if tt.message != "" {
				var e struct{ Code, Message string }
				require.NoError(t, json.Unmarshal(body, &e))
				assert.Equal(t, "unsupported_media_type", e.Code)
				assert.Contains(t, e.Message, tt.message)
			}
		})
	}
}

// TestLogLinesBounded: a 1 MB key gives a short, quoted log line and a short
// answer; control characters and escapes in a key never reach the log raw.
func TestLogLinesBounded(t *testing.T) {
	logs := &syncBuffer{}
	srv := newServer(t, server.WithToken("tok"), server.WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	for _, key := range []string{strings.Repeat("k", 1<<20), "a%1B%5B31mred%0Aline2", "%FF%FE"} {
		logs.Reset()
		resp, err := http.Post(srv.URL+"/api/v2/segment-targets/"+key, "application/json", strings.NewReader("{}"))
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, 403, resp.StatusCode)
		assert.Less(t, len(body), 300)
		waitLines(t, logs, 1)
		line := logs.String()
		assert.Less(t, len(line), 400, "log line: %s", line)
		assert.Equal(t, 1, strings.Count(line, "\n"), "one line: %q", line)
		assert.NotContains(t, line, "\x1b")
		assert.Contains(t, line, "code=forbidden")
	}
	logs.Reset()
	resp, err := http.Post(srv.URL+"/api/v2/segment-targets/"+strings.Repeat("k", 1<<20), "application/json", strings.NewReader("{}"))
	require.NoError(t, err)
	resp.Body.Close()
	waitLines(t, logs, 1)
	assert.Contains(t, logs.String(), `key="`+strings.Repeat("k", 64)+`…(1048576 bytes)"`)
}

// TestLogLinesCarryCodeAndPointer: a 4xx line says what went wrong and where.
func TestLogLinesCarryCodeAndPointer(t *testing.T) {
	logs := &syncBuffer{}
	srv := newServer(t, server.WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	resp, err := http.Post(srv.URL+"/api/v2/segment-targets/acme-cdp", "application/json",
		strings.NewReader(`{"environmentId":"e","batch":[{"userId":"","value":true,"cohortId":"c","cohortName":"C"}]}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)
	waitLines(t, logs, 1)
	assert.Contains(t, logs.String(), "integration=acme-cdp status=400 code=invalid_value pointer=/batch/0/userId bytes=")
}

// syncBuffer is a log destination safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

// waitLines waits for n request log lines: a line is written once the answer is
// sent, which the client may see first.
func waitLines(t *testing.T, logs *syncBuffer, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for strings.Count(logs.String(), `msg="segment sync"`) < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	assert.Equal(t, n, strings.Count(logs.String(), `msg="segment sync"`), "log lines: %s", logs)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
