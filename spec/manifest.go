package spec

import "github.com/segsync/segsync/jsonvalue"

// Manifest is an integration manifest. The declarative parsers of its
// capabilities (syncedSegment, trigger, approval, featureStore and the form
// variables' dynamicOptions) and its templates (auditLogEventsHook, flagLink)
// are interpreted; everything else is kept in Raw.
type Manifest struct {
	// Name is the manifest's "name", or "" when it has none.
	Name string
	// Capabilities holds the capabilities segsync interprets.
	Capabilities Capabilities
	// FormVariables are the manifest's top-level formVariables, in order.
	FormVariables []*FormVariable
	// Raw is the whole manifest document as decoded, other fields included.
	Raw *jsonvalue.Object
	// Problems lists the structural problems found while loading. ParseManifest
	// returns them as its error too; parser.Compile reports them again together
	// with its own.
	Problems Problems
}

// Capabilities holds the manifest's capabilities that segsync interprets.
type Capabilities struct {
	// SyncedSegment is the syncedSegment capability, or nil when absent.
	SyncedSegment *SyncedSegment
	// Trigger is the trigger capability, or nil when absent.
	Trigger *Trigger
	// Approval is the approval capability, or nil when absent.
	Approval *Approval
	// FeatureStore is the featureStore capability, or nil when absent.
	FeatureStore *FeatureStore
	// AuditLogEventsHook is the auditLogEventsHook capability, or nil when absent.
	AuditLogEventsHook *AuditLogEventsHook
	// FlagLink is the flagLink capability, or nil when absent.
	FlagLink *FlagLink
}

// SyncedSegment is the syncedSegment capability.
type SyncedSegment struct {
	// RequestParser tells where a partner's payload keeps each value; nil when
	// absent or not an object.
	RequestParser *RequestParser
	// JSONResponseBody is the Handlebars template of the response body, or nil.
	JSONResponseBody *string
}

// RequestParser is the declarative description of a partner's payload. Each path is
// the text of a JSON pointer as written in the manifest, nil when absent.
type RequestParser struct {
	EnvironmentIDPath     *string            // environmentIdPath
	ContextKindPath       *string            // contextKindPath
	CohortIDPath          *string            // cohortIdPath
	CohortNamePath        *string            // cohortNamePath
	CohortURLPath         *string            // cohortUrlPath
	MemberArrayPath       *string            // memberArrayPath
	AddMemberArrayPath    *string            // addMemberArrayPath
	RemoveMemberArrayPath *string            // removeMemberArrayPath
	ArrayInclusion        *ArrayInclusion    // arrayInclusion
	MemberArrayParser     *MemberArrayParser // memberArrayParser
}

// ArrayInclusion signals adds and removes by one action value matched by a regular
// expression.
type ArrayInclusion struct {
	Path    *string // path: pointer to the action value
	Matcher *string // matcher: a JavaScript-style regular expression
}

// MemberArrayParser holds the pointers evaluated relative to each member.
type MemberArrayParser struct {
	MemberIDPath          *string // memberIdPath
	BooleanMembershipPath *string // booleanMembershipPath
	CohortIDPath          *string // cohortIdPath
	CohortNamePath        *string // cohortNamePath
}
