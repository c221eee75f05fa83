package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// level is one measurement: a binary at a concurrency.
type level struct {
	reqs     int
	non2xx   int
	failures int
	lat      []time.Duration
	elapsed  time.Duration
	cpu      time.Duration // the server's CPU time over the counted part
}

func runSmall(ctx context.Context, c config, out io.Writer) error {
	payload := smallPayload(c.members)
	type target struct {
		name string
		url  string
		srv  *server
	}
	var targets []target
	if c.target != "" {
		targets = append(targets, target{c.target, c.target, nil})
	}
	for _, bin := range c.serve {
		s, err := startServer(ctx, c, bin)
		if err != nil {
			return err
		}
		defer func() {
			if s.alive() {
				s.kill()
			}
		}()
		targets = append(targets, target{bin, s.url, s})
	}
	fmt.Fprintf(out, "small: %d-byte payloads (%d members) to /api/v2/segment-targets/%s, %s per level after %s of warm-up\n", len(payload), c.members, c.key, c.duration, c.warmup)
	fmt.Fprintln(out, "| binary | concurrency | req/s | p50 ms | p99 ms | server CPU µs/req | non-2xx | errors |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range c.levels {
		for _, t := range targets {
			l := measure(ctx, t.url+"/api/v2/segment-targets/"+c.key, payload, c.tokenValue, n, c.warmup, c.duration, t.srv)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			slices.Sort(l.lat)
			cpu := "-"
			if t.srv != nil && l.reqs > 0 {
				cpu = fmt.Sprintf("%.1f", float64(l.cpu.Microseconds())/float64(l.reqs))
			}
			fmt.Fprintf(out, "| %s | %d | %.0f | %.3f | %.3f | %s | %d | %d |\n", t.name, n, float64(l.reqs)/l.elapsed.Seconds(),
				ms(pct(l.lat, 50)), ms(pct(l.lat, 99)), cpu, l.non2xx, l.failures)
		}
	}
	for _, t := range targets {
		if t.srv != nil {
			report(out, t.srv)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// measure runs n workers posting payload for warmup+d and counts what happened
// after the warm-up, with the CPU time srv used meanwhile (a figure that other
// load on the machine disturbs less than req/s).
func measure(ctx context.Context, url string, payload []byte, token string, n int, warmup, d time.Duration, srv *server) level {
	tr := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	t0 := time.Now()
	from, until := t0.Add(warmup), t0.Add(warmup+d)
	var mu sync.Mutex
	var total level
	var cpu0 time.Duration
	if srv != nil {
		time.AfterFunc(warmup, func() {
			mu.Lock()
			cpu0 = cpuTime(srv.cmd.Process.Pid)
			mu.Unlock()
		})
	}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var mine level
			for {
				now := time.Now()
				if now.After(until) || ctx.Err() != nil {
					break
				}
				o := post(ctx, client, url, payload, token)
				if now.Before(from) {
					continue
				}
				mine.reqs++
				switch {
				case o.failed != "":
					mine.failures++
				case o.status >= 300:
					mine.non2xx++
				}
				mine.lat = append(mine.lat, o.took)
			}
			mu.Lock()
			total.reqs += mine.reqs
			total.non2xx += mine.non2xx
			total.failures += mine.failures
			total.lat = append(total.lat, mine.lat...)
			mu.Unlock()
		})
	}
	wg.Wait()
	total.elapsed = time.Since(from)
	if srv != nil {
		mu.Lock()
		total.cpu = cpuTime(srv.cmd.Process.Pid) - cpu0
		mu.Unlock()
	}
	return total
}
