// Command loadtest measures `segsync serve` on loopback: it starts the built
// binary itself (or targets one already running on a loopback address), sends
// bounded load, counts the answers by status and the connection errors, and
// reports the server's peak RSS (VmHWM from /proc/PID/status).
//
// Usage:
//
//	go run ./internal/loadtest big   -serve BIN -manifests DIR -key KEY [-n 128] [-size 60MB] [-kind valid|capture]
//	go run ./internal/loadtest small -serve BIN[,BIN...] -manifests DIR -key KEY [-c 1,8,64] [-duration 5s]
//
// big sends n concurrent copies of one large payload (generated once and shared
// read-only by the senders). small runs small payloads at each concurrency for
// a bounded time and reports requests per second, p50 and p99, for each binary
// in turn at each level (so that a noisy moment hits all of them). Extra flags
// for the server follow "--". Every run is bounded by -timeout; targets must be
// loopback addresses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	serve      []string // binaries to start
	target     string   // a running server instead
	manifests  string
	key        string
	serveArgs  []string
	as         string // prlimit --as for the server
	env        []string
	timeout    time.Duration
	n          int
	size       int64
	kind       string
	levels     []int
	duration   time.Duration
	warmup     time.Duration
	members    int
	tokenValue string
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "big" && args[0] != "small") {
		fmt.Fprintln(stderr, "usage: loadtest big|small -serve BIN -manifests DIR -key KEY [flags] [-- server flags]")
		return 2
	}
	mode := args[0]
	fs := flag.NewFlagSet(mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	var serve, levels, sizeText, env string
	fs.StringVar(&serve, "serve", "", "segsync binaries to start, comma-separated")
	fs.StringVar(&c.target, "target", "", "base URL of a running server on loopback, instead of -serve")
	fs.StringVar(&c.manifests, "manifests", "", "manifest directory for the started servers")
	fs.StringVar(&c.key, "key", "", "integration key to post to")
	fs.StringVar(&c.as, "as", "", "run the server under prlimit --as=BYTES (a memory cap)")
	fs.StringVar(&env, "env", "", "extra environment for the server, comma-separated NAME=VALUE")
	fs.DurationVar(&c.timeout, "timeout", 5*time.Minute, "bound of the whole run")
	fs.IntVar(&c.n, "n", 128, "big: concurrent requests (at most 1024)")
	fs.StringVar(&sizeText, "size", "60MB", "big: payload size (decimal MB)")
	fs.StringVar(&c.kind, "kind", "valid", "big: valid (members of the acme-cdp shape) or capture (a large array at /environmentId of example-synced-segment-integration2)")
	fs.StringVar(&levels, "c", "1,8,64", "small: concurrency levels")
	fs.DurationVar(&c.duration, "duration", 5*time.Second, "small: measuring time per level and binary")
	fs.DurationVar(&c.warmup, "warmup", time.Second, "small: warm-up per level and binary, not counted")
	fs.IntVar(&c.members, "members", 10, "small: members per payload")
	fs.StringVar(&c.tokenValue, "token", "", "Authorization header value")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	c.serveArgs = fs.Args()
	if serve != "" {
		c.serve = strings.Split(serve, ",")
	}
	if env != "" {
		c.env = strings.Split(env, ",")
	}
	var err error
	if c.size, err = parseMB(sizeText); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	if c.levels, err = parseInts(levels); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	if err := c.check(); err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	if mode == "big" {
		err = runBig(ctx, c, stdout)
	} else {
		err = runSmall(ctx, c, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadtest:", err)
		return 1
	}
	return 0
}

func (c *config) check() error {
	if (len(c.serve) == 0) == (c.target == "") {
		return errors.New("give -serve BIN or -target URL")
	}
	if len(c.serve) > 0 && c.manifests == "" {
		return errors.New("-serve needs -manifests")
	}
	if c.key == "" {
		return errors.New("-key is required")
	}
	if c.target != "" {
		if err := checkLoopback(c.target); err != nil {
			return err
		}
	}
	if c.n < 1 || c.n > 1024 {
		return errors.New("-n must be 1 to 1024")
	}
	if c.size < 1 || c.size > 1<<30 {
		return errors.New("-size must be 1 byte to 1 GiB")
	}
	if c.duration <= 0 || c.duration > time.Minute || c.warmup < 0 {
		return errors.New("-duration must be positive and at most 1m")
	}
	for _, l := range c.levels {
		if l < 1 || l > 1024 {
			return errors.New("-c levels must be 1 to 1024")
		}
	}
	if c.timeout <= 0 || c.timeout > 30*time.Minute {
		return errors.New("-timeout must be positive and at most 30m")
	}
	return nil
}

// checkLoopback refuses any target whose host is not a loopback address.
func checkLoopback(target string) error {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("target %q: want http://127.0.0.1:PORT", target)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("target %q: only loopback addresses (127.0.0.0/8, ::1, localhost) may be loaded", target)
	}
	return nil
}

func parseMB(s string) (int64, error) {
	var n int64
	var unit string
	if _, err := fmt.Sscanf(s, "%d%s", &n, &unit); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, fmt.Errorf("bad size %q: want e.g. 60MB, 500KB or bytes", s)
	}
	switch strings.ToUpper(unit) {
	case "":
		return n, nil
	case "KB":
		return n * 1e3, nil
	case "MB":
		return n * 1e6, nil
	case "GB":
		return n * 1e9, nil
	}
	return 0, fmt.Errorf("bad size %q: want e.g. 60MB, 500KB or bytes", s)
}

func parseInts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		var n int
		if _, err := fmt.Sscanf(f, "%d", &n); err != nil {
			return nil, fmt.Errorf("bad level %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}
