package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/server"
)

// The handler mounted in a service, beside the service's own routes, with the
// service applying each accepted result.
func Example() {
	reg, err := server.LoadDir("testdata/integrations")
	if err != nil {
		panic(err)
	}
	segments := server.New(reg, server.WithResultFunc(func(ctx context.Context, in *server.Integration, res *parser.Result) error {
		for _, s := range res.Segments {
			fmt.Printf("apply %s: +%v -%v\n", s.SegmentKey, s.Add, s.Remove)
		}
		return nil
	}))
	mux := http.NewServeMux()
	mux.Handle("/api/v2/", segments)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/api/v2/segment-targets/acme-cdp", "application/json", strings.NewReader(
		`{"environmentId":"env-1","batch":[{"userId":"u1","value":true,"cohortId":"beta","cohortName":"Beta"}]}`))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
	// Output:
	// apply acme-cdp-beta: +[u1] -[]
	// 204 No Content
}

// A registry reloaded while serving: the handler looks integrations up in an
// AtomicRegistry, and a reload that fails keeps the one in use.
func ExampleAtomicRegistry() {
	reg, err := server.LoadFS(os.DirFS("testdata/integrations"))
	if err != nil {
		panic(err)
	}
	current := server.NewAtomicRegistry(reg)
	h := server.New(current)
	_ = h // serve it

	// Later, on a reload signal:
	if next, err := server.LoadFS(os.DirFS("testdata/broken")); err != nil {
		fmt.Println("reload failed; still serving", current.Load().Keys())
	} else {
		current.Store(next)
	}
	// Output:
	// reload failed; still serving [Audience-Hub acme-cdp]
}
