package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segsync/segsync/server"
	"github.com/segsync/segsync/server/metrics"
)

// TestScrape serves requests through a handler observed by a Collector and reads
// the metrics as Prometheus scrapes them.
func TestScrape(t *testing.T) {
	reg, err := server.LoadDir("../testdata/integrations")
	require.NoError(t, err)
	var h *server.Handler
	col := metrics.New(func() int64 { return h.InFlightBytes() })
	h = server.New(reg, server.WithObserver(col.Observe), server.WithMaxInFlight(1<<20, time.Second))
	srv := httptest.NewServer(h)
	defer srv.Close()
	promReg := prometheus.NewPedanticRegistry()
	require.NoError(t, promReg.Register(col))
	scrape := httptest.NewServer(promhttp.HandlerFor(promReg, promhttp.HandlerOpts{}))
	defer scrape.Close()

	post := func(key, body string) {
		resp, err := http.Post(srv.URL+"/api/v2/segment-targets/"+key, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		resp.Body.Close()
	}
	ok := `{"environmentId":"e","batch":[{"userId":"u","value":true,"cohortId":"c","cohortName":"C"}]}`
	post("acme-cdp", ok)
	post("ACME-CDP", ok)
	post("acme-cdp", `{}`)
	for i := range 50 {
		post("unknown-"+strconv.Itoa(i), ok) // must not create label values
	}

	get := func() string {
		resp, err := http.Get(scrape.URL)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return string(body)
	}
	// An early answer is observed after it is sent (and its body drained): the
	// client may see it first.
	text := get()
	for deadline := time.Now().Add(2 * time.Second); !strings.Contains(text, `status="404"} 50`) && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
		text = get()
	}
	for _, want := range []string{
		`segsync_requests_total{integration="acme-cdp",status="204"} 2`,
		`segsync_requests_total{integration="acme-cdp",status="400"} 1`,
		`segsync_requests_total{integration="",status="404"} 50`,
		`segsync_request_duration_seconds_count{integration="acme-cdp"} 3`,
		`segsync_request_body_bytes_sum{integration="acme-cdp"} ` + strconv.Itoa(2*len(ok)+2),
		`segsync_admission_rejected_total 0`,
		`segsync_admission_wait_seconds_count 0`, // none had to wait
		`segsync_inflight_bytes 0`,
	} {
		assert.True(t, strings.Contains(text, want+"\n"), "missing %s", want)
	}
	assert.NotContains(t, text, "unknown-")
	assert.Equal(t, 3, strings.Count(text, "segsync_requests_total{"), "one series per integration and status")
}
