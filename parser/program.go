package parser

import (
	"hash/maphash"
	"regexp"
	"sync"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/internal/jsonscan"
	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/spec"
)

// Mode is how a program tells adds from removes.
type Mode int

// The modes.
const (
	// ModeBoolean reads a boolean per member: true adds, false removes.
	ModeBoolean Mode = iota + 1
	// ModeAction matches one action value: a match adds every member, no match
	// removes them.
	ModeAction
	// ModeNamedArrays reads separate add and remove arrays.
	ModeNamedArrays
)

// String names the mode as documentation does: "boolean", "action", "named arrays".
func (m Mode) String() string {
	switch m {
	case ModeBoolean:
		return "boolean"
	case ModeAction:
		return "action"
	case ModeNamedArrays:
		return "named arrays"
	}
	return "unknown"
}

// path is a compiled pointer with the manifest field that set it.
type path struct {
	ptr   jsonpath.Pointer
	field string // manifest field, as "cohortIdPath" or "memberArrayParser.memberIdPath"
	set   bool   // the manifest gives the field
}

// Program is a compiled requestParser. A Program is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	integrationKey string
	limits         Limits
	mode           Mode

	// top-level values, in the order errors are reported
	top [numTop]path
	// member arrays: one in boolean and action modes, add then remove in named
	// arrays mode
	arrays []path
	// member values relative to each element, in the order errors are reported
	member [numMember]path

	matcher *regexp.Regexp
	// actionWords are the texts the matcher matches, when they are a few
	// literals (actionWordsOK); see actionWords.
	actionWords   []string
	actionWordsOK bool
	template      *handlebars.Template // the jsonResponseBody, or nil
	warnings      spec.Problems

	// The scan (scan.go, query.go): the scan query built from the pointers above,
	// whether members can name cohorts, the dedupe hash seed, and pooled
	// collectors.
	query *jsonscan.Query
	// respondQuery is query plus the parts of the payload the response
	// template reads, as body says.
	respondQuery *jsonscan.Query
	body         *bodyPlan
	overrides    bool
	seed         maphash.Seed
	collectors   sync.Pool // *collector
}

// Top-level value slots, in error-report order.
const (
	topEnvironmentID = iota
	topContextKind
	topCohortID
	topCohortName
	topCohortURL
	topAction
	numTop
)

// Member value slots, in error-report order.
const (
	memberID = iota
	memberBoolean
	memberCohortID
	memberCohortName
	numMember
)

// Mode returns how the program tells adds from removes.
func (p *Program) Mode() Mode { return p.mode }

// IntegrationKey returns the integration key the program was compiled with.
func (p *Program) IntegrationKey() string { return p.integrationKey }

// Limits returns the payload limits in force, defaults filled in.
func (p *Program) Limits() Limits { return p.limits }

// Warnings returns the problems found at compile time that did not stop
// compilation. The caller must not modify the returned slice.
func (p *Program) Warnings() spec.Problems { return p.warnings }
