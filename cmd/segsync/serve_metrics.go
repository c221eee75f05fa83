package main

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/segsync/segsync/server"
	"github.com/segsync/segsync/server/metrics"
)

// newMetricsServer returns the server of GET /metrics (the endpoint's metrics, the
// Go runtime's and the process's) and the observer that feeds it.
func newMetricsServer(inFlight func() int64) (*http.Server, server.Observer) {
	col := metrics.New(inFlight)
	reg := prometheus.NewRegistry()
	reg.MustRegister(col, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}, col.Observe
}
