package conformance_test

import (
	"net/http/httptest"
	"testing"

	"github.com/segsync/segsync/conformance"
	"github.com/segsync/segsync/server"
)

// serveCases exports the bundled cases' manifests and serves them with segsync's
// own HTTP handler over loopback.
func serveCases(t *testing.T, opts ...server.Option) (*httptest.Server, []*conformance.Case) {
	t.Helper()
	cases, err := conformance.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keys, err := conformance.ExportManifests(dir, cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) == 0 {
		t.Fatal("no manifest exported")
	}
	reg, err := server.LoadDir(dir)
	if err != nil {
		t.Fatalf("the exported manifests do not load: %v", err)
	}
	srv := httptest.NewServer(server.New(reg, opts...))
	t.Cleanup(srv.Close)
	return srv, cases
}

// TestServer runs every case that can run over HTTP against segsync's server,
// strictly, through both spellings of the endpoint and with an access token.
func TestServer(t *testing.T) {
	srv, cases := serveCases(t, server.WithToken("s3cret"))
	for _, tt := range []struct {
		name   string
		target *conformance.HTTP
	}{
		{"segment-targets", &conformance.HTTP{BaseURL: srv.URL, Token: "s3cret", Client: srv.Client()}},
		{"segment-target", &conformance.HTTP{BaseURL: srv.URL + "/", EndpointPath: "/api/v2/segment-target/", Token: "Bearer s3cret", Client: srv.Client()}},
		{"endpoint-path-without-slashes", &conformance.HTTP{BaseURL: srv.URL, EndpointPath: "api/v2/segment-targets", Token: "s3cret", Client: srv.Client()}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conformance.RunCases(t, tt.target, cases, conformance.Options{})
		})
	}
}

// TestServerWrongToken shows that the HTTP target reports failures: without the
// token every posted case fails.
func TestServerWrongToken(t *testing.T) {
	srv, cases := serveCases(t, server.WithToken("s3cret"))
	outcomes, err := conformance.Execute(t.Context(), &conformance.HTTP{BaseURL: srv.URL, Client: srv.Client()}, cases, conformance.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var failed, passed int
	for _, o := range outcomes {
		switch o.Status {
		case conformance.Fail:
			failed++
		case conformance.Pass:
			passed++
		}
	}
	if failed == 0 || passed > 0 {
		t.Fatalf("without the token: %d failed, %d passed; want every posted case to fail", failed, passed)
	}
}
