package handlebars

// Default limits, used for every limit that is zero in [Limits].
const (
	DefaultMaxTemplateSize = 1 << 20   // bytes of template text
	DefaultMaxDepth        = 100       // nested blocks; nested arrays when rendered
	DefaultMaxOutputSize   = 1 << 20   // bytes of rendered output
	DefaultMaxSteps        = 1_000_000 // statements, iterations, array elements, long-string work (see Limits)
)

// Limits bound the work that parsing and rendering may do. A zero or negative
// field takes its default (DefaultMaxTemplateSize, …).
type Limits struct {
	// MaxTemplateSize is the longest template text Parse accepts, in bytes.
	MaxTemplateSize int
	// MaxDepth is the deepest nesting of blocks Parse accepts, and the deepest
	// nesting of arrays that rendering will stringify.
	MaxDepth int
	// MaxOutputSize is the longest output Render produces, in bytes.
	MaxOutputSize int
	// MaxSteps is the number of steps one Render may take: one per statement
	// executed, loop iteration and array element stringified, plus one per 64
	// bytes where a string is scanned, compared or copied in time that grows
	// with its length (a string's length or character by index, loose
	// equality, an array's string form), so that the time a render takes is
	// bounded by its steps whatever the data holds.
	MaxSteps int
}

func (l Limits) withDefaults() Limits {
	if l.MaxTemplateSize <= 0 {
		l.MaxTemplateSize = DefaultMaxTemplateSize
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxOutputSize <= 0 {
		l.MaxOutputSize = DefaultMaxOutputSize
	}
	if l.MaxSteps <= 0 {
		l.MaxSteps = DefaultMaxSteps
	}
	return l
}

// An Option configures one template at [Parse].
type Option func(*config)

type config struct {
	helpers map[string]Helper
	limits  Limits
}

// WithHelper registers block helper h under name for this template only; h
// may also be one of the value helpers of [FrameworkHelpers], under a name of
// the template's choosing. The
// names of Handlebars.js's built-in helpers cannot be taken (if, unless, each
// and with, which this package provides, and lookup, log, helperMissing and
// blockHelperMissing, which it reserves and does not support), and name must be a plain identifier that Handlebars.js would call as
// a helper: not "else", a literal, or a name it treats as scoped ("this"
// followed by a word boundary anywhere, as in "this", "this-a" or "a-this";
// "thisOrThat" is fine). Parse reports a violation as an error. Registering
// the same name twice keeps the last helper.
func WithHelper(name string, h Helper) Option {
	return func(c *config) {
		if c.helpers == nil {
			c.helpers = make(map[string]Helper)
		}
		c.helpers[name] = h
	}
}

// WithLimits sets the limits for parsing and rendering this template. Zero
// fields take their defaults.
func WithLimits(l Limits) Option {
	return func(c *config) { c.limits = l }
}
