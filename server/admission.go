package server

import (
	"context"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// budget is the server-wide budget of body bytes in flight. Waiters are served
// first come first served (semaphore.Weighted queues them in order, and a large
// reservation at the head is not overtaken by smaller ones behind it).
type budget struct {
	size    int64
	maxWait time.Duration
	sem     *semaphore.Weighted
	used    atomic.Int64
}

func newBudget(size int64, maxWait time.Duration) *budget {
	return &budget{size: size, maxWait: maxWait, sem: semaphore.NewWeighted(size)}
}

// acquire reserves n bytes (capped at the budget's size), waiting at most
// maxWait or until ctx is done. It returns the function that gives the bytes
// back, or ctx's error, or context.DeadlineExceeded when the wait ran out.
func (b *budget) acquire(ctx context.Context, n int64) (release func(), err error) {
	n = b.clamp(n)
	if err := b.wait(ctx, n); err != nil {
		return nil, err
	}
	return b.reserved(n), nil
}

// tryAcquire reserves n bytes (capped at the budget's size) if they are free now
// and no request waits.
func (b *budget) tryAcquire(n int64) (release func(), ok bool) {
	n = b.clamp(n)
	if !b.sem.TryAcquire(n) {
		return nil, false
	}
	return b.reserved(n), true
}

func (b *budget) clamp(n int64) int64 { return min(max(n, 0), b.size) }

// reserved counts n reserved bytes and returns the function that gives them back
// (once, however often it is called).
func (b *budget) reserved(n int64) func() {
	b.used.Add(n)
	var once atomic.Bool
	return func() {
		if once.CompareAndSwap(false, true) {
			b.used.Add(-n)
			b.sem.Release(n)
		}
	}
}

// wait waits for n bytes, at most maxWait.
func (b *budget) wait(ctx context.Context, n int64) error {
	wctx, cancel := context.WithTimeout(ctx, b.maxWait)
	defer cancel()
	if err := b.sem.Acquire(wctx, n); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return context.DeadlineExceeded
	}
	return nil
}

// retryAfter is the Retry-After of a 503 for a full budget, in whole seconds: the
// wait the request was given, at least one second.
func (b *budget) retryAfter() int {
	return max(1, int((b.maxWait+time.Second-1)/time.Second))
}
