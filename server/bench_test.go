package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
)

// BenchmarkHandler serves a small valid payload in process, through the handler
// with its options, against a baseline of the same work without the handler's
// checks: the body read whole and answered with RespondWith, as the handler did
// before it streamed.
func BenchmarkHandler(b *testing.B) {
	payload, cases := handlerCases(b)
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := httptest.NewRequest("POST", "/api/v2/segment-targets/acme-cdp", strings.NewReader(payload))
					r.Header.Set("Content-Type", "application/json")
					w := httptest.NewRecorder()
					bc.h.ServeHTTP(w, r)
					if w.Code != 204 {
						b.Fatalf("status %d: %s", w.Code, w.Body)
					}
				}
			})
		})
	}
}

// BenchmarkHandlerLoopback is BenchmarkHandler over loopback HTTP, one request
// at a time on a kept-alive connection: the latency a partner sees, with the
// server's and the client's work.
func BenchmarkHandlerLoopback(b *testing.B) {
	payload, cases := handlerCases(b)
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			srv := httptest.NewServer(bc.h)
			defer srv.Close()
			url := srv.URL + "/api/v2/segment-targets/acme-cdp"
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			for b.Loop() {
				resp, err := http.Post(url, "application/json", strings.NewReader(payload))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 204 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
		})
	}
}

type handlerCase struct {
	name string
	h    http.Handler
}

// handlerCases returns a small valid payload and the handlers to serve it: the
// baseline, the handler, and the handler with admission control, a stop signal
// and a logger (as segsync serve runs it).
func handlerCases(b *testing.B) (string, []handlerCase) {
	reg, err := server.LoadDir("testdata/integrations")
	if err != nil {
		b.Fatal(err)
	}
	payload := acmePayload(700)
	in, _ := reg.Lookup("acme-cdp")
	baseline := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, in.Program.Limits().MaxBytes))
		if err != nil {
			w.WriteHeader(400)
			return
		}
		resp, _, _ := in.Program.RespondWith(body, parser.ResponseOptions{}, nil)
		w.WriteHeader(resp.Status)
		w.Write(resp.Body)
	})
	stop, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	return payload, []handlerCase{
		{"baseline-readall", baseline},
		{"handler", server.New(reg)},
		{"handler-as-served", server.New(reg, server.WithMaxInFlight(256<<20, 10*time.Second), server.WithStop(stop), server.WithLogger(logger))},
	}
}
