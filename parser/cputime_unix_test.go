//go:build unix

package parser_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used (user and system), or 0 when
// it cannot tell. On a machine shared with other work it is a steadier measure of
// a benchmark's own cost than the wall clock, which also counts the time the
// process waited for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
