package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckLoopback(t *testing.T) {
	for target, ok := range map[string]bool{
		"http://127.0.0.1:3000":     true,
		"http://127.1.2.3:80":       true,
		"http://[::1]:3000":         true,
		"http://localhost:3000":     true,
		"http://10.0.0.1:3000":      false,
		"http://example.com":        false,
		"http://0.0.0.0:3000":       false,
		"https://127.0.0.1:3000":    false,
		"127.0.0.1:3000":            false,
		"http://127.0.0.1.nip.io:1": false,
	} {
		err := checkLoopback(target)
		assert.Equal(t, ok, err == nil, "%s: %v", target, err)
	}
}

// TestRunRefuses: the tool refuses non-loopback targets and unbounded runs
// before it sends anything.
func TestRunRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"big", "-target", "http://192.0.2.1:3000", "-key", "k"},
		{"big", "-target", "http://127.0.0.1:1", "-key", "k", "-n", "100000"},
		{"big", "-target", "http://127.0.0.1:1", "-key", "k", "-size", "2GB"},
		{"small", "-target", "http://127.0.0.1:1", "-key", "k", "-duration", "1h"},
		{"small", "-target", "http://127.0.0.1:1", "-key", "k", "-timeout", "2h"},
		{"small", "-serve", "x", "-key", "k"},
		{"flood"},
	} {
		var out, errs bytes.Buffer
		assert.Equal(t, 2, run(args, &out, &errs), "%v", args)
		assert.Empty(t, out.String())
	}
}

func TestPayloads(t *testing.T) {
	for name, p := range map[string][]byte{
		"valid":   validPayload(100_000),
		"capture": capturePayload(100_000),
		"small":   smallPayload(10),
	} {
		assert.True(t, json.Valid(p), name)
	}
	assert.InDelta(t, 100_000, len(validPayload(100_000)), 200)
	assert.InDelta(t, 100_000, len(capturePayload(100_000)), 200)
	var v struct {
		EnvironmentID []int `json:"environmentId"`
	}
	require.NoError(t, json.Unmarshal(capturePayload(10_000), &v))
	assert.Greater(t, len(v.EnvironmentID), 1000)
	assert.True(t, strings.HasPrefix(string(validPayload(1000)), `{"environmentId":"env-load","batch":[{"userId":"user-00000000"`))
}

func TestParseMB(t *testing.T) {
	for in, want := range map[string]int64{"60MB": 60e6, "500KB": 500e3, "1GB": 1e9, "123": 123} {
		got, err := parseMB(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"60MiB", "x", "1TB"} {
		_, err := parseMB(in)
		assert.Error(t, err, in)
	}
}
