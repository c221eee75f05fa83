package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPlaygroundUsage(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"extra-argument", []string{"manifest.json"}, "usage: segsync playground"},
		{"unknown-flag", []string{"--port", "80"}, "flag provided but not defined: -port"},
		{"bad-address", []string{"--addr", "127.0.0.1:99999"}, "segsync: listen tcp"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runPlayground(c.args, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), c.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), c.want)
			}
		})
	}
}

// servePlayground serves the page and the API on its listener, says where, and
// exits 0 once its context is done.
func TestServePlayground(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- servePlayground(ctx, ln, &stdout, &stderr) }()
	url := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 5 * time.Second}

	resp, err := client.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "segsync playground") {
		t.Fatalf("GET /: %d %.100q", resp.StatusCode, page)
	}
	resp, err = client.Post(url+"/api/run", "application/json", strings.NewReader(`{"manifest": "{}"}`))
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(answer), `"compiled":false`) {
		t.Fatalf("POST /api/run: %d %s", resp.StatusCode, answer)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 || stderr.Len() != 0 {
			t.Fatalf("exit %d, stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the playground did not stop")
	}
	if want := "segsync playground: " + url + "/"; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("stdout %q, want it to start with %q", stdout.String(), want)
	}
}
