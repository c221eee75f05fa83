package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// outcome is what one request got.
type outcome struct {
	status int    // 0: no answer
	failed string // the connection error's class when there was no answer
	body   string // the answer's first bytes
	took   time.Duration
}

// classify names a client error: reset, broken pipe, closed without an answer,
// timeout, or other.
func classify(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "closed without an answer"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	}
	return "other: " + err.Error()
}

func post(ctx context.Context, client *http.Client, url string, body []byte, token string) outcome {
	t0 := time.Now()
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return outcome{failed: "other: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return outcome{failed: classify(err), took: time.Since(t0)}
	}
	defer resp.Body.Close()
	head, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	if err != nil {
		return outcome{status: resp.StatusCode, failed: "answer cut: " + classify(err), took: time.Since(t0)}
	}
	return outcome{status: resp.StatusCode, body: string(head), took: time.Since(t0)}
}

func runBig(ctx context.Context, c config, out io.Writer) error {
	var payload []byte
	switch c.kind {
	case "valid":
		payload = validPayload(c.size)
	case "capture":
		payload = capturePayload(c.size)
	default:
		return fmt.Errorf("unknown -kind %q", c.kind)
	}
	if len(c.serve) > 1 {
		return errors.New("big takes one -serve binary")
	}
	base := c.target
	var srv *server
	if len(c.serve) == 1 {
		var err error
		if srv, err = startServer(ctx, c, c.serve[0]); err != nil {
			return err
		}
		defer func() {
			if srv.alive() {
				srv.kill()
			}
		}()
		base = srv.url
	}
	url := base + "/api/v2/segment-targets/" + c.key
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true, MaxConnsPerHost: 0}}
	fmt.Fprintf(out, "big: %d concurrent %s payloads of %d bytes to %s (one payload, shared)\n", c.n, c.kind, len(payload), url)

	results := make([]outcome, c.n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range c.n {
		wg.Go(func() {
			<-start
			results[i] = post(ctx, client, url, payload, c.tokenValue)
		})
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(t0)

	byStatus := map[int]int{}
	failures := map[string]int{}
	examples := map[int]string{}
	var took []time.Duration
	for _, r := range results {
		if r.failed != "" {
			failures[r.failed]++
		}
		if r.status != 0 {
			byStatus[r.status]++
			if _, ok := examples[r.status]; !ok {
				examples[r.status] = r.body
			}
		}
		took = append(took, r.took)
	}
	slices.Sort(took)
	fmt.Fprintf(out, "elapsed: %.1fs; request time p50 %.2fs, max %.2fs\n", elapsed.Seconds(), took[len(took)/2].Seconds(), took[len(took)-1].Seconds())
	for _, st := range sortedKeys(byStatus) {
		fmt.Fprintf(out, "status %d: %d   e.g. %s\n", st, byStatus[st], clip(examples[st], 200))
	}
	answered := 0
	for _, n := range byStatus {
		answered += n
	}
	fmt.Fprintf(out, "answered: %d of %d\n", answered, c.n)
	if len(failures) == 0 {
		fmt.Fprintln(out, "connection errors: none")
	}
	for _, f := range sortedKeys(failures) {
		fmt.Fprintf(out, "connection error %q: %d\n", f, failures[f])
	}
	if srv != nil {
		report(out, srv)
	}
	return nil
}

// report prints the server's peak RSS and stops it.
func report(out io.Writer, s *server) {
	hwm := s.hwm() // 0 once the process is gone
	alive := s.alive()
	s.mu.Lock()
	polled := s.peak << 10
	s.mu.Unlock()
	code := -1
	if alive {
		code = s.stop()
	} else {
		code = s.cmd.ProcessState.ExitCode()
	}
	fmt.Fprintf(out, "server %s: peak RSS (VmHWM) %.0f MiB (polled VmRSS peak %.0f MiB); alive after the run: %t; exit %d\n",
		s.bin, float64(hwm)/(1<<20), float64(polled)/(1<<20), alive, code)
	if code != 0 {
		for line := range strings.SplitSeq(s.stderr.String(), "\n") {
			if strings.HasPrefix(line, "fatal error") || strings.HasPrefix(line, "runtime:") || strings.HasPrefix(line, "panic") {
				fmt.Fprintf(out, "server stderr: %s\n", clip(line, 300))
				break
			}
		}
	}
}

func sortedKeys[K int | string](m map[K]int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
