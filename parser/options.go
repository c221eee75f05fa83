package parser

import "github.com/segsync/segsync/jsonvalue"

// Limits bound the resources one payload may use. A zero field takes its default.
type Limits struct {
	// MaxBytes is the largest payload accepted, in bytes. Default 64 MiB.
	MaxBytes int64
	// MaxDepth is the deepest nesting of arrays and objects accepted. Default 512;
	// values above jsonvalue.MaxDepthCeiling (9999) are lowered to it.
	MaxDepth int
	// MaxMembers is the most members one payload may carry, all member arrays
	// together. Default 1,000,000.
	MaxMembers int
	// MaxValueBytes is the longest extracted text value (an ID, a name, a URL), in
	// bytes. Default 64 KiB. A longer value is validated without being held.
	MaxValueBytes int
	// MaxCaptureBytes bounds what a response template reads of a payload: the
	// JSON text of every part of requestBody it reads, together (the last
	// occurrence of a repeated name). Past it, Respond answers too_large (413) at
	// the pointer of the part that passed it, since the template cannot be
	// rendered faithfully; Parse does not read these parts and is not affected.
	// An array whose length is all the template reads of it ({{x.length}}) is
	// counted, not held, and costs nothing; one also read by index costs 16 bytes
	// an element. A template that reads the whole payload (../, @root, a bare
	// requestBody) limits Respond to payloads of this size. Default 256 KiB.
	MaxCaptureBytes int
}

// The default limits.
const (
	DefaultMaxBytes        = 64 << 20
	DefaultMaxDepth        = 512
	DefaultMaxMembers      = 1_000_000
	DefaultMaxValueBytes   = 64 << 10
	DefaultMaxCaptureBytes = 256 << 10
)

// WithDefaults returns the limits with every zero field set to its default, as a
// Program applies them.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	l.MaxDepth = min(l.MaxDepth, jsonvalue.MaxDepthCeiling)
	if l.MaxMembers <= 0 {
		l.MaxMembers = DefaultMaxMembers
	}
	if l.MaxValueBytes <= 0 {
		l.MaxValueBytes = DefaultMaxValueBytes
	}
	if l.MaxCaptureBytes <= 0 {
		l.MaxCaptureBytes = DefaultMaxCaptureBytes
	}
	return l
}

// Option configures Compile.
type Option func(*config)

type config struct {
	integrationKey string
	limits         Limits
}

// WithIntegrationKey sets the integration key, which names segments
// ("<integrationKey>-<cohortId>") in results and responses.
func WithIntegrationKey(key string) Option {
	return func(c *config) { c.integrationKey = key }
}

// LimitsOf returns the payload limits a list of options sets, defaults filled
// in. The compilers of the manifest's other declarative parsers (packages
// trigger, approval, memberlist, dynamicoptions, featurestore) take the same
// options as Compile and read their limits with it.
func LimitsOf(opts ...Option) Limits {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	return cfg.limits.withDefaults()
}

// WithLimits sets the payload limits; zero fields keep their defaults.
func WithLimits(l Limits) Option {
	return func(c *config) { c.limits = l }
}
