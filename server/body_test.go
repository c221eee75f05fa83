package server_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
)

// TestEarlyTooLarge: a declared Content-Length over MaxBytes is answered 413
// before any body byte is read, and so without 100 Continue.
func TestEarlyTooLarge(t *testing.T) {
	ev := &events{}
	srv := newServer(t, server.WithObserver(ev.observe))
	for _, expect := range []string{"Expect: 100-continue\r\n", ""} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		require.NoError(t, err)
		require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
		_, err = io.WriteString(conn, "POST /api/v2/segment-targets/acme-cdp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
			expect+"Content-Length: 1073741824\r\n\r\n")
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		assert.Equal(t, 413, resp.StatusCode, "no 100 Continue first")
		assert.JSONEq(t, `{"status":413,"code":"too_large","message":"the payload is larger than 4096 bytes","pointer":""}`, string(body))
	}
	for _, e := range ev.wait(t, 2) {
		assert.Equal(t, 413, e.Status)
		assert.Equal(t, parser.CodeTooLarge, e.Code)
		assert.Equal(t, "acme-cdp", e.Integration)
	}
}

// TestReadFailures: a client that stops sending gets 408 once the read deadline
// passes; one that hangs up mid-body is logged as a 400.
func TestReadFailures(t *testing.T) {
	ev := &events{}
	logs := &syncBuffer{}
	reg, err := server.LoadDir("testdata/integrations")
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(server.New(reg, server.WithObserver(ev.observe), server.WithLogger(newTextLogger(logs))))
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	defer srv.Close()
	head := "POST /api/v2/segment-targets/acme-cdp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"environmentId\":"

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, head)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	conn.Close()
	assert.Equal(t, 408, resp.StatusCode)
	assert.Contains(t, string(body), `"code":"timeout"`)

	conn, err = net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	_, err = io.WriteString(conn, head)
	require.NoError(t, err)
	time.Sleep(20 * time.Millisecond)
	conn.Close()

	got := ev.wait(t, 2)
	assert.Equal(t, 408, got[0].Status)
	assert.Equal(t, server.CodeTimeout, got[0].Code)
	assert.Equal(t, 400, got[1].Status)
	assert.Equal(t, server.CodeBadRequest, got[1].Code)
	assert.Equal(t, int64(len(head)-strings.Index(head, "\r\n\r\n")-4), got[1].BytesRead)
	waitLines(t, logs, 2)
	assert.Contains(t, logs.String(), "status=400 code=bad_request")
	assert.Contains(t, logs.String(), "unexpected EOF")
}

// TestObserver: one event per request, whatever its answer, and the integration
// named only for served keys.
func TestObserver(t *testing.T) {
	ev := &events{}
	srv := newServer(t, server.WithObserver(ev.observe), server.WithToken("tok"))
	do := func(method, path, ct, auth, body string) int {
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		req.Header.Set("Authorization", auth)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	const p = "/api/v2/segment-targets/"
	bad := `{"environmentId":"e","batch":[{"userId":"u","value":"yes","cohortId":"c","cohortName":"C"}]}`
	two := `{"environmentId":"e","batch":[{"userId":"u1","value":true,"cohortId":"c","cohortName":"C"},{"userId":"u2","value":false}]}`
	statuses := []int{
		do("POST", p+"ACME-cdp", "application/json", "tok", two),
		do("POST", p+"acme-cdp", "application/json", "tok", bad),
		do("POST", p+"nope", "application/json", "tok", two),
		do("POST", p+"acme-cdp", "application/json", "wrong", two),
		do("GET", p+"acme-cdp", "", "tok", ""),
		do("POST", p+"acme-cdp", "text/plain", "tok", two),
		do("POST", p+"acme-cdp", "application/json", "tok", `{"x":"`+strings.Repeat("a", 5000)+`"}`),
		do("POST", "/elsewhere", "application/json", "tok", two),
	}
	assert.Equal(t, []int{204, 400, 404, 403, 405, 415, 413, 404}, statuses)
	got := ev.wait(t, len(statuses))
	want := []server.Event{
		{Integration: "acme-cdp", Key: "ACME-cdp", Status: 204, Segments: 1, Adds: 1, Removes: 1, BytesRead: int64(len(two))},
		{Integration: "acme-cdp", Key: "acme-cdp", Status: 400, Code: parser.CodeWrongType, Pointer: "/batch/0/value", BytesRead: int64(len(bad))},
		{Key: "nope", Status: 404, Code: server.CodeNotFound, BytesRead: int64(len(two))},
		{Key: "acme-cdp", Status: 403, Code: server.CodeForbidden, BytesRead: int64(len(two))},
		{Key: "acme-cdp", Status: 405, Code: server.CodeMethodNotAllowed},
		{Integration: "acme-cdp", Key: "acme-cdp", Status: 415, Code: server.CodeUnsupportedMediaType, BytesRead: int64(len(two))},
		{Integration: "acme-cdp", Key: "acme-cdp", Status: 413, Code: parser.CodeTooLarge, BytesRead: 4096},
		{Status: 404, Code: server.CodeNotFound, BytesRead: int64(len(two))},
	}
	for i := range got {
		assert.Positive(t, got[i].Duration)
		got[i].Duration = 0
		if got[i].Status == 413 {
			// Answered before reading, then drained until the client stops
			// sending.
			assert.LessOrEqual(t, got[i].BytesRead, int64(5008))
			got[i].BytesRead = 4096
		}
		got[i].Err = nil
	}
	assert.ElementsMatch(t, want, got)
}
