// Package metrics exports the requests of a [server.Handler] as Prometheus
// metrics, built on its observer hook ([server.WithObserver]).
//
// The metrics, all prefixed segsync_:
//
//	requests_total{integration,status}          counter
//	request_duration_seconds{integration}       histogram
//	request_body_bytes{integration}             histogram (bytes read)
//	admission_rejected_total                    counter (503 overloaded)
//	admission_wait_seconds                      histogram (requests that waited, then ran)
//	inflight_bytes                              gauge (bytes reserved now)
//
// The integration label takes only the keys of served integrations (the
// [server.Event]'s Integration field), or "" for requests that named none or
// were refused before the lookup: what clients send never creates label values.
package metrics

import (
	"context"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/segsync/segsync/server"
)

// Collector counts the requests it observes. Register it with a
// prometheus.Registerer and pass its Observe method to [server.WithObserver]. A
// Collector is safe for concurrent use by multiple goroutines.
type Collector struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	size     *prometheus.HistogramVec
	rejected prometheus.Counter
	waited   prometheus.Histogram
	inFlight prometheus.GaugeFunc
}

// New returns a Collector. inFlight reports the bytes in flight for the gauge
// (typically the handler's [server.Handler.InFlightBytes]); nil reports 0.
func New(inFlight func() int64) *Collector {
	if inFlight == nil {
		inFlight = func() int64 { return 0 }
	}
	return &Collector{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "segsync_requests_total",
			Help: "Requests answered, by integration (served keys only) and HTTP status.",
		}, []string{"integration", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "segsync_request_duration_seconds",
			Help:    "Time from the handler's start to the end of the answer.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 4, 10), // 0.5ms to ~131s
		}, []string{"integration"}),
		size: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "segsync_request_body_bytes",
			Help:    "Bytes of the request body read, a drained rest included.",
			Buckets: prometheus.ExponentialBuckets(256, 4, 11), // 256 B to 256 MiB
		}, []string{"integration"}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "segsync_admission_rejected_total",
			Help: "Requests answered 503 because the in-flight byte budget stayed full.",
		}),
		waited: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "segsync_admission_wait_seconds",
			Help:    "Time requests that had to wait for the in-flight byte budget waited before they ran.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 8), // 1ms to ~16s
		}),
		inFlight: prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "segsync_inflight_bytes",
			Help: "Bytes of request bodies reserved in the in-flight budget now.",
		}, func() float64 { return float64(inFlight()) }),
	}
}

// Observe records one request; it is a [server.Observer].
func (c *Collector) Observe(_ context.Context, e server.Event) {
	c.requests.WithLabelValues(e.Integration, strconv.Itoa(e.Status)).Inc()
	c.duration.WithLabelValues(e.Integration).Observe(e.Duration.Seconds())
	c.size.WithLabelValues(e.Integration).Observe(float64(e.BytesRead))
	switch {
	case e.Code == server.CodeOverloaded:
		c.rejected.Inc()
	case e.Waited > 0:
		c.waited.Observe(e.Waited.Seconds())
	}
}

func (c *Collector) collectors() []prometheus.Collector {
	return []prometheus.Collector{c.requests, c.duration, c.size, c.rejected, c.waited, c.inFlight}
}

// Describe sends the descriptors of the collector's metrics.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range c.collectors() {
		m.Describe(ch)
	}
}

// Collect sends the collector's metrics.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	for _, m := range c.collectors() {
		m.Collect(ch)
	}
}
