package playground

import (
	"slices"
	"time"
)

// Options bound what the API accepts. A zero field takes its default.
type Options struct {
	// MaxRequestBytes is the longest API request body, the manifest and the
	// payload together as JSON text. Default 1 MiB.
	MaxRequestBytes int64
	// Timeout bounds the answer to one API request, the wait for a run slot
	// included. Default 5 seconds.
	Timeout time.Duration
	// MaxConcurrent is how many runs go on at once. Default 2.
	MaxConcurrent int
	// AllowedHosts are host names, besides localhost (and its subdomains) and
	// IP addresses, that requests may name in their Host header. Requests naming
	// any other host are refused (403 forbidden_host), so that a web page whose
	// name a DNS rebinding points at this machine cannot use the playground.
	AllowedHosts []string
}

// The defaults of Options.
const (
	DefaultMaxRequestBytes = 1 << 20
	DefaultTimeout         = 5 * time.Second
	DefaultMaxConcurrent   = 2
)

func (o Options) withDefaults() Options {
	if o.MaxRequestBytes <= 0 {
		o.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	o.AllowedHosts = slices.Clone(o.AllowedHosts)
	return o
}
