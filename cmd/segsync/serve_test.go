package main

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServe runs the built binary as a user would: it serves a directory, answers
// over loopback, and stops cleanly on SIGINT.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "segsync")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	cmd := exec.Command(bin, "serve", "--manifests", "../../server/testdata/integrations", "--addr", "127.0.0.1:0", "--token", "tok")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })

	lines := bufio.NewScanner(stdout)
	require.True(t, lines.Scan(), "no output from serve")
	m := regexp.MustCompile(`serving 2 integrations on (http://127\.0\.0\.1:\d+)$`).FindStringSubmatch(lines.Text())
	require.NotNil(t, m, "first line: %q", lines.Text())

	req, err := http.NewRequest("POST", m[1]+"/api/v2/segment-targets/acme-cdp", strings.NewReader(`{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"}]}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "tok")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 204, resp.StatusCode)

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() {
		rest := ""
		for lines.Scan() {
			rest += lines.Text() + "\n"
		}
		if !strings.Contains(rest, "segsync: stopped") {
			t.Log("remaining stdout:", rest)
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		assert.NoError(t, err, "stderr: %s", stderr.String())
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15s of SIGINT")
	}
	assert.Contains(t, stderr.String(), "integration=acme-cdp status=204 segments=1 adds=1 removes=0")
}
