package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a started `segsync serve`.
type server struct {
	bin    string
	cmd    *exec.Cmd
	url    string
	stderr *tail
	done   chan struct{}
	peak   int64 // VmRSS polled, KiB
	mu     sync.Mutex
}

var servingLine = regexp.MustCompile(`serving \d+ integrations on (http://127\.0\.0\.1:\d+)`)

// startServer starts bin serving c.manifests on a free loopback port and waits
// for its first line.
func startServer(ctx context.Context, c config, bin string) (*server, error) {
	args := append([]string{"serve", "--manifests", c.manifests, "--addr", "127.0.0.1:0"}, c.serveArgs...)
	name := bin
	if c.as != "" {
		args = append([]string{"--as=" + c.as, bin}, args...)
		name = "prlimit" // prlimit execs bin: the PID is the server's
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), c.env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &server{bin: bin, cmd: cmd, stderr: &tail{max: 64 << 10}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := bufio.NewScanner(out)
	first := make(chan string, 1)
	go func() {
		if lines.Scan() {
			first <- lines.Text()
		}
		close(first)
		for lines.Scan() {
		}
		cmd.Wait()
		close(s.done)
	}()
	select {
	case line := <-first:
		m := servingLine.FindStringSubmatch(line)
		if m == nil {
			s.kill()
			return nil, fmt.Errorf("%s: unexpected first line %q; stderr: %s", bin, line, s.stderr)
		}
		s.url = m[1]
	case <-time.After(30 * time.Second):
		s.kill()
		return nil, fmt.Errorf("%s: no first line within 30s", bin)
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
	go s.poll()
	return s, nil
}

// poll samples VmRSS every 10 ms (VmHWM is the kernel's own peak; the poll is a
// check of it).
func (s *server) poll() {
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if rss := statusField(s.cmd.Process.Pid, "VmRSS"); rss > 0 {
				s.mu.Lock()
				s.peak = max(s.peak, rss)
				s.mu.Unlock()
			}
		}
	}
}

// hwm returns the kernel's peak RSS of the server so far, in bytes.
func (s *server) hwm() int64 { return statusField(s.cmd.Process.Pid, "VmHWM") << 10 }

// alive reports whether the server is still running.
func (s *server) alive() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// stop sends SIGTERM and waits for the exit, at most 30 s, then kills.
func (s *server) stop() int {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.kill()
	}
	return s.cmd.ProcessState.ExitCode()
}

func (s *server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}

// statusField reads a "Name:   N kB" line of /proc/PID/status, in KiB.
func statusField(pid int, name string) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// cpuTime returns the user and system CPU time the process has used, from
// /proc/PID/stat (in clock ticks of 10 ms).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name may hold spaces: the fields start after its ')'.
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64) // field 14 of stat
	stime, _ := strconv.ParseInt(f[12], 10, 64) // field 15
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// tail keeps the first max bytes written to it (where a Go program's fatal
// error is), and drops the rest.
type tail struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.b); room > 0 {
		t.b = append(t.b, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

var _ io.Writer = (*tail)(nil)
