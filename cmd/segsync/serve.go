package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/segsync/segsync/server"
)

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve --manifests DIR [--addr 127.0.0.1:3000] [--token T]", stderr)
	dir := fs.String("manifests", "", "directory of <integrationKey>/manifest.json (required)")
	addr := fs.String("addr", "127.0.0.1:3000", "address to listen on")
	token := fs.String("token", "", "access token required in the Authorization header (none when empty)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *dir == "" || len(rest) > 0 {
		fs.Usage()
		return 2
	}
	reg, err := server.LoadDir(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv := &http.Server{
		Handler:           server.New(reg, server.WithToken(*token), server.WithLogger(logger)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a whole payload, at most MaxBytes
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "segsync: serving %d integrations on http://%s\n", len(reg.Keys()), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "segsync: shutdown: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "segsync: stopped")
	return 0
}
