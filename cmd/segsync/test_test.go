package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTestTarget: with --target the tests run against an endpoint: the
// library's passes; a server that accepts wrong types fails the error test,
// with a diff of the response.
func TestTestTarget(t *testing.T) {
	manifest := "testdata/gen/named-bare-ids.json"
	good := httptest.NewServer(libraryHandler(t, manifest, "audiences", nil))
	defer good.Close()
	bad := httptest.NewServer(libraryHandler(t, manifest, "audiences", acceptsEmptyIDs))
	defer bad.Close()

	var stdout, stderr bytes.Buffer
	if code := run([]string{"test", "--target", good.URL, "testdata/partner/small.json"}, nil, &stdout, &stderr); code != 0 {
		t.Errorf("against the library: exit %d\n%s%s", code, &stdout, &stderr)
	}
	stdout.Reset()
	if code := run([]string{"test", "--target", bad.URL, "testdata/partner/small.json"}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("against a broken server: exit %d, want 1\n%s%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"PASS testdata/partner/small.json: adds-two", "FAIL testdata/partner/small.json: empty-id", "at /response/status", "- 400", "+ 204"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("no %q in\n%s", want, &stdout)
		}
	}
}
