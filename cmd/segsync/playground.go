package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/segsync/segsync/playground"
)

func runPlayground(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("playground", "playground [--addr 127.0.0.1:8080]", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep it a loopback address: the playground is for the person at this machine")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return servePlayground(ctx, ln, stdout, stderr)
}

// servePlayground serves the playground on ln until ctx is done, then lets the
// requests in flight finish (a run is bounded by the handler's timeout).
func servePlayground(ctx context.Context, ln net.Listener, stdout, stderr io.Writer) int {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "segsync: warning: %s is not a loopback address: anyone who reaches it can use the playground\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           playground.New(playground.Options{}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "segsync playground: http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), playground.DefaultTimeout+time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 1
	}
	return 0
}
