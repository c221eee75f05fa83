package spec

import "github.com/segsync/segsync/jsonpath"

// Trigger is the trigger capability: an inbound webhook whose body a
// TriggerParser reads.
type Trigger struct {
	DefaultEventName    *string        // defaultEventName
	TestEventNameRegexp *string        // testEventNameRegexp
	Parser              *TriggerParser // parser
}

// TriggerParser holds the pointers of a trigger's parser, each the text of a
// JSON pointer as written, nil when absent.
type TriggerParser struct {
	EventName *string // eventName
	Value     *string // value
	URL       *string // url
}

// Approval is the approval capability.
type Approval struct {
	EnvironmentFormVariables []*FormVariable    // environmentFormVariables
	ApprovalFormVariables    []*FormVariable    // approvalFormVariables
	CreationRequest          *ApprovalRequest   // creationRequest
	StatusRequest            *ApprovalRequest   // statusRequest
	PostApplyRequest         *ApprovalRequest   // postApplyRequest
	DeletionRequest          *ApprovalRequest   // deletionRequest
	MemberListRequest        *MemberListRequest // memberListRequest
}

// ApprovalRequest is one of an approval's requests to the partner: the body
// template it sends and the parser of the partner's response.
type ApprovalRequest struct {
	JSONBody *string         // jsonBody: a Handlebars template
	Parser   *ApprovalParser // parser
}

// ApprovalParser reads the partner's response to an approval request.
type ApprovalParser struct {
	ApprovalID       *string // approvalId: pointer
	StatusValue      *string // statusValue: pointer
	StatusDisplay    *string // statusDisplay: pointer
	ApprovalMatcher  *string // approvalMatcher: a JavaScript regular expression
	RejectionMatcher *string // rejectionMatcher: a JavaScript regular expression
	URLTemplate      *string // urlTemplate: a Handlebars template
}

// MemberListRequest is the approval's request for the partner's members.
type MemberListRequest struct {
	JSONBody *string           // jsonBody: a Handlebars template
	Parser   *MemberListParser // parser
}

// MemberListParser reads the partner's member list.
type MemberListParser struct {
	MemberArrayPath *string      // memberArrayPath: pointer to the array
	MemberItems     *MemberItems // memberItems
}

// MemberItems holds the pointers relative to each member of the list.
type MemberItems struct {
	Email    *string // email
	MemberID *string // memberId
}

// FeatureStore is the featureStore capability.
type FeatureStore struct {
	FormVariables     []*FormVariable    // formVariables
	ValidationRequest *ValidationRequest // validationRequest
}

// ValidationRequest is the feature store's validation request.
type ValidationRequest struct {
	Parser *ValidationParser // parser
}

// ValidationParser reads the store's answer to a validation request.
type ValidationParser struct {
	Success *string // success: pointer to a boolean
	Errors  *string // errors: pointer to a string or an array of strings
}

// FormVariable is one form variable, as far as segsync reads it: where it is
// and its dynamic options.
type FormVariable struct {
	// At is the manifest pointer of the form variable, for example
	// /formVariables/6 or /capabilities/approval/environmentFormVariables/0.
	At jsonpath.Pointer
	// Key is the variable's key, "" when it has none.
	Key string
	// DynamicOptions is its dynamicOptions, or nil.
	DynamicOptions *DynamicOptions
}

// DynamicOptions is a dynamicEnum form variable's request for its options.
type DynamicOptions struct {
	Parser *OptionsParser // parser
}

// OptionsParser reads the partner's options.
type OptionsParser struct {
	OptionsPath  *string       // optionsPath: pointer to the array
	OptionsItems *OptionsItems // optionsItems
}

// OptionsItems holds the pointers relative to each option.
type OptionsItems struct {
	Label *string // label
	Value *string // value
}

// TemplateField is one Handlebars template of a manifest that segsync parses
// but does not render: where it is and its text as written.
type TemplateField struct {
	// At is the manifest pointer of the field, for example
	// /capabilities/auditLogEventsHook/templates/flag.
	At jsonpath.Pointer
	// Name names the field for messages, for example "templates.flag".
	Name string
	// Text is the field's string: the template itself, or for the
	// auditLogEventsHook templates usually the path of a template file
	// relative to the manifest's folder (see IsTemplateFile).
	Text string
}

// AuditLogEventsHook is the auditLogEventsHook capability: its body templates.
type AuditLogEventsHook struct {
	// Templates are the templates' fields in the order flag, project,
	// environment, default, validation, member, as far as they are set.
	Templates []TemplateField
}

// FlagLink is the flagLink capability: the templates of its uiBlocks.
type FlagLink struct {
	// Templates are uiBlocks.name, uiBlocks.image.sourceUrl and the text and
	// url of every element of uiBlocks.title and uiBlocks.context, as far as
	// they are set, in that order.
	Templates []TemplateField
}

// AllFormVariables returns every form variable of the manifest: the top-level
// formVariables, then the approval capability's environmentFormVariables and
// approvalFormVariables, then the featureStore capability's formVariables.
func (m *Manifest) AllFormVariables() []*FormVariable {
	out := append([]*FormVariable{}, m.FormVariables...)
	if a := m.Capabilities.Approval; a != nil {
		out = append(out, a.EnvironmentFormVariables...)
		out = append(out, a.ApprovalFormVariables...)
	}
	if fs := m.Capabilities.FeatureStore; fs != nil {
		out = append(out, fs.FormVariables...)
	}
	return out
}
