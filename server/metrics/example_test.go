package metrics_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/segsync/segsync/server"
	"github.com/segsync/segsync/server/metrics"
)

// A handler observed by a Collector, registered with a Prometheus registry that
// a service exposes (for example with promhttp.HandlerFor).
func Example() {
	reg, err := server.LoadDir("../testdata/integrations")
	if err != nil {
		panic(err)
	}
	var h *server.Handler
	col := metrics.New(func() int64 { return h.InFlightBytes() })
	h = server.New(reg, server.WithObserver(col.Observe))
	prom := prometheus.NewRegistry()
	prom.MustRegister(col)

	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/api/v2/segment-targets/acme-cdp", strings.NewReader(`{}`))
	r.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, http.StatusText(w.Code))

	n, err := testutil.GatherAndCount(prom, "segsync_requests_total")
	if err != nil {
		panic(err)
	}
	fmt.Println("series:", n)
	// Output:
	// 400 Bad Request
	// series: 1
}
