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
	"strings"
	"syscall"
	"time"

	"github.com/segsync/segsync/server"
)

// serveConfig holds the flags of serve.
type serveConfig struct {
	dir, addr, token, metricsAddr string
	maxInFlight                   byteSize
	admissionWait                 time.Duration
	shutdownTimeout               time.Duration
}

// readTimeout bounds the reading of one request, headers and body (a payload
// of at most MaxBytes).
const readTimeout = 2 * time.Minute

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve --manifests DIR [--addr 127.0.0.1:3000] [--token T] [--max-inflight 256MiB] [--admission-wait 10s] [--shutdown-timeout 2m] [--metrics-addr ADDR]", stderr)
	c := serveConfig{maxInFlight: 256 << 20}
	fs.StringVar(&c.dir, "manifests", "", "directory of <integrationKey>/manifest.json (required); SIGHUP reloads it")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:3000", "address to listen on")
	fs.StringVar(&c.token, "token", "", "access token required in the Authorization header (none when empty)")
	fs.Var(&c.maxInFlight, "max-inflight", "budget of request body bytes in flight, server wide: a `size` such as 512KB, 256MiB, 1GiB or plain bytes; 0 for none")
	fs.DurationVar(&c.admissionWait, "admission-wait", 10*time.Second, "how long a request waits for the in-flight budget before it gets 503")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", readTimeout, "on SIGINT or SIGTERM, how long requests in flight may take to finish")
	fs.StringVar(&c.metricsAddr, "metrics-addr", "", "address serving GET /metrics (Prometheus); off when empty")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if c.dir == "" || len(rest) > 0 {
		fs.Usage()
		return 2
	}
	if c.admissionWait < 0 || c.shutdownTimeout < 0 {
		fmt.Fprintln(stderr, "segsync: --admission-wait and --shutdown-timeout must not be negative")
		return 2
	}
	return serve(c, stdout, stderr)
}

func serve(c serveConfig, stdout, stderr io.Writer) int {
	reg, err := server.LoadDir(c.dir)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 2
	}
	var mln net.Listener
	if c.metricsAddr != "" {
		if mln, err = net.Listen("tcp", c.metricsAddr); err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "segsync: metrics: %v\n", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	registry := server.NewAtomicRegistry(reg)
	stopHandler, cancelHandler := context.WithCancel(context.Background())
	defer cancelHandler()

	var handler *server.Handler
	opts := []server.Option{
		server.WithToken(c.token), server.WithLogger(logger), server.WithStop(stopHandler),
		server.WithMaxInFlight(int64(c.maxInFlight), c.admissionWait),
	}
	var metricsSrv *http.Server
	if mln != nil {
		var observe server.Observer
		metricsSrv, observe = newMetricsServer(func() int64 { return handler.InFlightBytes() })
		opts = append(opts, server.WithObserver(observe))
	}
	handler = server.New(registry, opts...)
	srv := &http.Server{
		Handler:                      handler,
		ReadHeaderTimeout:            10 * time.Second,
		ReadTimeout:                  readTimeout,
		IdleTimeout:                  2 * time.Minute,
		DisableGeneralOptionsHandler: true, // OPTIONS * gets the handler's JSON 404
		ErrorLog:                     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP) // before the first line: a test may signal at once
	defer signal.Stop(hup)
	go reloadOnHUP(ctx, hup, c.dir, registry, logger)

	fmt.Fprintf(stdout, "segsync: serving %d integrations on http://%s\n", len(reg.Keys()), ln.Addr())
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if metricsSrv != nil {
		fmt.Fprintf(stdout, "segsync: metrics on http://%s/metrics\n", mln.Addr())
		go func() { errc <- metricsSrv.Serve(mln) }()
	}
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "segsync: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	stop() // a second signal ends the process at once
	code := drain(srv, cancelHandler, c.shutdownTimeout, logger)
	if metricsSrv != nil {
		metricsSrv.Close()
	}
	if code == 0 {
		fmt.Fprintln(stdout, "segsync: stopped")
	}
	return code
}

// drain stops accepting connections and waits up to timeout for the requests in
// flight. Those still running then are stopped: a request still reading its body
// gets 503 (shutting_down) if it can still be answered, and every one is logged.
// drain returns 0 when every request finished in time, 1 otherwise.
func drain(srv *http.Server, stopHandler context.CancelFunc, timeout time.Duration, logger *slog.Logger) int {
	logger.Info("draining", "timeout", timeout)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err == nil {
		stopHandler()
		return 0
	}
	logger.Error("drain timed out: stopping the requests still in flight", "timeout", timeout, "err", err)
	stopHandler()
	grace, cancelGrace := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelGrace()
	if err := srv.Shutdown(grace); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("closing the connections left", "err", err)
		srv.Close()
	}
	return 1
}

// reloadOnHUP reloads the manifest directory on every signal of hup until ctx is
// done.
// A directory that fails to load leaves the registry in use as it was, and every
// problem is logged.
func reloadOnHUP(ctx context.Context, hup <-chan os.Signal, dir string, registry *server.AtomicRegistry, logger *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		}
		reg, err := server.LoadDir(dir)
		if err != nil {
			for line := range strings.SplitSeq(err.Error(), "\n") { // a LoadError has one problem a line
				logger.Error("reload failed: keeping the integrations in use", "problem", line)
			}
			continue
		}
		registry.Store(reg)
		logger.Info("reloaded", "integrations", len(reg.Keys()))
	}
}
