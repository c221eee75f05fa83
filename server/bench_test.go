package server_test

import (
	"context"
	"io"
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
	defer cancel()
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{
		{"baseline-readall", baseline},
		{"handler", server.New(reg)},
		{"handler-admission-stop", server.New(reg, server.WithMaxInFlight(256<<20, 10*time.Second), server.WithStop(stop))},
	} {
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
