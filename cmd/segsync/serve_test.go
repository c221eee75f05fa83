package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// segsyncBinary builds the command once for the package's tests.
func segsyncBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "segsync-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "segsync")
		build := exec.Command("go", "build", "-o", builtBin, ".")
		build.Stderr = os.Stderr
		buildErr = build.Run()
	})
	require.NoError(t, buildErr)
	return builtBin
}

// TestMain removes the binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// served is a running `segsync serve`.
type served struct {
	cmd     *exec.Cmd
	url     string
	metrics string
	stdout  *bufio.Scanner
	stderr  *syncBuffer
	waited  chan error
}

func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	cmd := exec.Command(segsyncBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	s := &served{cmd: cmd, stdout: bufio.NewScanner(stdout), stderr: &syncBuffer{}, waited: make(chan error, 1)}
	cmd.Stderr = s.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })
	require.True(t, s.stdout.Scan(), "no output from serve: %s", s.stderr)
	m := regexp.MustCompile(`serving \d+ integrations on (http://127\.0\.0\.1:\d+)$`).FindStringSubmatch(s.stdout.Text())
	require.NotNil(t, m, "first line: %q", s.stdout.Text())
	s.url = m[1]
	if strings.Contains(strings.Join(args, " "), "--metrics-addr") {
		require.True(t, s.stdout.Scan())
		m := regexp.MustCompile(`metrics on (http://127\.0\.0\.1:\d+/metrics)$`).FindStringSubmatch(s.stdout.Text())
		require.NotNil(t, m, "second line: %q", s.stdout.Text())
		s.metrics = m[1]
	}
	go func() {
		for s.stdout.Scan() {
		}
		s.waited <- cmd.Wait()
	}()
	return s
}

// stop signals the server and returns its exit code.
func (s *served) stop(t *testing.T, sig os.Signal, within time.Duration) int {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(sig))
	select {
	case <-s.waited:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(within):
		t.Fatalf("serve did not stop within %s: %s", within, s.stderr)
		return -1
	}
}

const acmeBody = `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"}]}`

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "tok")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServe runs the built binary as a user would: it serves a directory, answers
// over loopback, and stops cleanly on SIGINT.
func TestServe(t *testing.T) {
	s := startServe(t, "--manifests", "../../server/testdata/integrations", "--token", "tok")
	status, _ := post(t, s.url+"/api/v2/segment-targets/acme-cdp", acmeBody)
	assert.Equal(t, 204, status)

	// OPTIONS * is the handler's: a JSON 404, logged.
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	require.NoError(t, err)
	fmt.Fprintf(conn, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	conn.Close()
	assert.Equal(t, 404, resp.StatusCode)
	assert.Contains(t, string(body), `"code":"not_found"`)

	assert.Equal(t, 0, s.stop(t, syscall.SIGINT, 15*time.Second), "stderr: %s", s.stderr)
	assert.Contains(t, s.stderr.String(), "integration=acme-cdp status=204 segments=1 adds=1 removes=0")
	assert.Contains(t, s.stderr.String(), `key="" status=404 code=not_found`)
}

// slowUpload sends a valid payload of n bytes at about rate bytes a second and
// returns the answer's status (0 for none) and body.
func slowUpload(url string, payload string, chunk int, every time.Duration) (int, string, error) {
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for i := 0; i < len(payload); i += chunk {
			if _, err := io.WriteString(pw, payload[i:min(i+chunk, len(payload))]); err != nil {
				return
			}
			time.Sleep(every)
		}
	}()
	req, err := http.NewRequest("POST", url, pr)
	if err != nil {
		return 0, "", err
	}
	req.ContentLength = int64(len(payload))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func acmePayload(members int) string {
	var b strings.Builder
	b.WriteString(`{"environmentId":"e","batch":[`)
	for i := range members {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"userId":"user-%d","value":true,"cohortId":"c","cohortName":"C"}`, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// TestServeDrain: on SIGTERM, uploads in flight finish within the shutdown
// timeout (exit 0); those that cannot are answered 503 and logged (exit 1).
func TestServeDrain(t *testing.T) {
	payload := acmePayload(100) // ~6.5 kB, sent in 20 chunks
	chunk := len(payload)/20 + 1
	for _, tt := range []struct {
		name    string
		timeout string
		every   time.Duration
		status  int
		code    int
	}{
		{"finishes", "5s", 30 * time.Millisecond, 204, 0}, // ~0.6 s of upload
		{"cut", "500ms", 200 * time.Millisecond, 503, 1},  // ~4 s of upload
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := startServe(t, "--manifests", "../../server/testdata/integrations", "--shutdown-timeout", tt.timeout)
			type answer struct {
				status int
				body   string
				err    error
			}
			answers := make(chan answer, 3)
			for range 3 {
				go func() {
					st, body, err := slowUpload(s.url+"/api/v2/segment-targets/acme-cdp", payload, chunk, tt.every)
					answers <- answer{st, body, err}
				}()
			}
			time.Sleep(150 * time.Millisecond) // the uploads are under way
			t0 := time.Now()
			code := s.stop(t, syscall.SIGTERM, 15*time.Second)
			assert.Equal(t, tt.code, code, "stderr: %s", s.stderr)
			for range 3 {
				a := <-answers
				require.NoError(t, a.err, "every upload gets an answer")
				assert.Equal(t, tt.status, a.status, a.body)
				if tt.status == 503 {
					assert.Contains(t, a.body, `"code":"shutting_down"`)
				}
			}
			if tt.code == 1 {
				assert.Less(t, time.Since(t0), 3*time.Second, "the drain is cut at its timeout")
				assert.Contains(t, s.stderr.String(), "drain timed out")
				assert.Equal(t, 3, strings.Count(s.stderr.String(), "status=503 code=shutting_down"), "%s", s.stderr)
			} else {
				assert.Equal(t, 3, strings.Count(s.stderr.String(), "status=204"), "%s", s.stderr)
			}
		})
	}
}

// TestServeReload: SIGHUP reloads the directory; a directory with a bad manifest
// keeps the integrations in use and logs every problem.
func TestServeReload(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS("../../server/testdata/integrations")))
	s := startServe(t, "--manifests", dir)
	url := s.url + "/api/v2/segment-targets/"
	status, _ := post(t, url+"acme-cdp", acmeBody)
	assert.Equal(t, 204, status)

	// Add an integration, and reload.
	require.NoError(t, os.CopyFS(filepath.Join(dir, "second"), os.DirFS("../../server/testdata/integrations/acme-cdp")))
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
	waitLog(t, s.stderr, `msg=reloaded integrations=3`)
	status, _ = post(t, url+"second", acmeBody)
	assert.Equal(t, 204, status)

	// Break two manifests: the reload fails, naming both, and the three stay.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "second", "manifest.json"), []byte(`{"capabilities":`), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "bad\x1bkey"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad\x1bkey", "manifest.json"), []byte(`{}`), 0o644))
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
	waitLog(t, s.stderr, "second/manifest.json")
	waitLog(t, s.stderr, `bad\\x1bkey`) // quoted by the load error, then by the log
	assert.NotContains(t, s.stderr.String(), "\x1b")
	status, _ = post(t, url+"second", acmeBody)
	assert.Equal(t, 204, status, "the old registry stays in use")
	assert.Equal(t, 0, s.stop(t, syscall.SIGTERM, 15*time.Second))
}

// TestServeMetrics: --metrics-addr serves the endpoint's metrics on its own
// address.
func TestServeMetrics(t *testing.T) {
	s := startServe(t, "--manifests", "../../server/testdata/integrations", "--metrics-addr", "127.0.0.1:0", "--max-inflight", "1MiB")
	status, _ := post(t, s.url+"/api/v2/segment-targets/acme-cdp", acmeBody)
	assert.Equal(t, 204, status)
	var text string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		resp, err := http.Get(s.metrics)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if text = string(b); strings.Contains(text, `segsync_requests_total{integration="acme-cdp",status="204"} 1`) {
			break
		}
	}
	assert.Contains(t, text, `segsync_requests_total{integration="acme-cdp",status="204"} 1`)
	assert.Contains(t, text, "segsync_inflight_bytes 0")
	assert.Contains(t, text, "go_goroutines")
	resp, err := http.Get(s.url + "/metrics")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 404, resp.StatusCode, "metrics are not on the endpoint's address")
	assert.Equal(t, 0, s.stop(t, syscall.SIGTERM, 15*time.Second))
}

func waitLog(t *testing.T, logs *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the log: %s", want, logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// syncBuffer collects a process's output for reading while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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
