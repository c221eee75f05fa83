package jsonscan

import "math"

// Defaults for the limits of a [Query].
const (
	DefaultMaxDepth    = 1000
	DefaultMaxValueLen = 1 << 20
	DefaultBufferSize  = 64 << 10
)

type config struct {
	maxDepth    int
	maxValueLen int
	bufferSize  int
	// careful turns the fast paths off, so that every byte goes through the
	// careful path: the tests' reference for the fast paths (FuzzFastVsCareful).
	careful bool
}

// An Option sets a limit of a compiled [Query].
type Option func(*config)

// WithMaxDepth sets how many arrays and objects may be open at once; a document
// nested deeper is a *[jsonvalue.DepthError]. Values n <= 0 mean [DefaultMaxDepth].
func WithMaxDepth(n int) Option {
	return func(c *config) { c.maxDepth = n }
}

// WithMaxValueLen sets the longest JSON text, in bytes, that the scanner holds for a
// captured value (a string with its quotes and escapes, a number, or a raw object or
// array) whose [Path] sets no MaxLen. A longer value is validated without being
// held and delivered with [Handler.Overflow]. Values n <= 0 mean
// [DefaultMaxValueLen].
func WithMaxValueLen(n int) Option {
	return func(c *config) { c.maxValueLen = n }
}

// TextLen is the longest JSON text of a string of n bytes of text: each byte
// escaped as \u00XX, and the quotes; math.MaxInt when that overflows. A
// WithMaxValueLen (or Path.MaxLen) of TextLen(n) holds every value of at most n
// bytes of text, however it is escaped.
func TextLen(n int) int {
	if n > (math.MaxInt-2)/6 {
		return math.MaxInt
	}
	return 6*n + 2
}

// WithBufferSize sets the size of the read buffer of [Query.ScanReader]. The buffer
// grows past it only to hold one captured value or member name, within its limit. Values n <= 0 mean
// [DefaultBufferSize].
func WithBufferSize(n int) Option {
	return func(c *config) { c.bufferSize = n }
}
