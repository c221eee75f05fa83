package spec

import (
	"strconv"
	"strings"

	"github.com/segsync/segsync/jsonpath"
	"github.com/segsync/segsync/jsonvalue"
)

// The property names the schema allows in the objects segsync reads
// (reference/schemas: capabilities/*.json, parser/parser.json, definitions.json).
var (
	triggerNames       = []string{"documentation", "auth", "parser", "defaultEventName", "testEventNameRegexp"}
	triggerParserNames = []string{"eventName", "value", "url"}
	approvalNames      = []string{"name", "environmentFormVariables", "approvalFormVariables", "allowAdditionalApprovalFormVariables",
		"allowApprovalIntegrationConfigurations", "creationRequest", "statusRequest", "postApplyRequest", "deletionRequest", "memberListRequest"}
	requestNames        = []string{"endpoint", "jsonBody", "parser"}
	approvalParserNames = []string{"approvalId", "statusValue", "statusDisplay", "approvalMatcher", "rejectionMatcher", "urlTemplate"}
	memberParserNames   = []string{"memberArrayPath", "memberItems"}
	memberItemNames     = []string{"email", "memberId"}
	featureStoreNames   = []string{"formVariables", "validationRequest", "featureStoreRequest"}
	validationNames     = []string{"endpoint", "parser"}
	validationParser    = []string{"success", "errors"}
	formVariableNames   = []string{"key", "name", "type", "description", "placeholder", "isSecret", "isHidden", "isOptional",
		"defaultValue", "allowedValues", "dynamicOptions", "dependsOn", "multiselectOptions", "multiselectDefaultOptions",
		"disableAfterSaving", "hideEmpty"}
	dynamicOptionsNames = []string{"endpoint", "parser"}
	optionsParserNames  = []string{"optionsPath", "optionsItems"}
	optionsItemNames    = []string{"label", "value"}
	auditHookNames      = []string{"endpoint", "templates", "defaultPolicy", "includeErrorResponseBody", "deliveryMethod", "useStandardWebhookPayload"}
	auditTemplateNames  = []string{"flag", "project", "environment", "default", "validation", "member"}
	flagLinkNames       = []string{"uiBlocks", "emptyState", "header", "metadata"}
	uiBlockNames        = []string{"image", "name", "title", "context", "description"}
	imageNames          = []string{"sourceUrl", "isIcon", "isAvatar"}
	titleNames          = []string{"elements", "linkToReference"}
	contextBlockNames   = []string{"elements"}
	elementNames        = []string{"text", "isBold", "url", "isTimestamp"}
)

// IsTemplateFile reports whether an auditLogEventsHook template's text names a
// template file rather than being the template: it holds no "{{" and ends in
// ".hbs", as every public manifest writes it ("templates/flag.json.hbs"). The
// file is relative to the manifest's folder.
func IsTemplateFile(text string) bool {
	return !strings.Contains(text, "{{") && strings.HasSuffix(text, ".hbs")
}

// capabilities loads the capabilities other than syncedSegment, and the
// top-level form variables.
func (l *loader) capabilities(m *Manifest, root, caps *jsonvalue.Object) {
	capsAt := jsonpath.New("capabilities")
	m.FormVariables = l.formVariables(root, jsonpath.Root, "formVariables")
	if caps == nil {
		return
	}
	if obj := l.object(caps, capsAt, "trigger"); obj != nil {
		m.Capabilities.Trigger = l.trigger(obj, capsAt.Append("trigger"))
	}
	if obj := l.object(caps, capsAt, "approval"); obj != nil {
		m.Capabilities.Approval = l.approval(obj, capsAt.Append("approval"))
	}
	if obj := l.object(caps, capsAt, "featureStore"); obj != nil {
		m.Capabilities.FeatureStore = l.featureStore(obj, capsAt.Append("featureStore"))
	}
	if obj := l.object(caps, capsAt, "auditLogEventsHook"); obj != nil {
		m.Capabilities.AuditLogEventsHook = l.auditLogEventsHook(obj, capsAt.Append("auditLogEventsHook"))
	}
	if obj := l.object(caps, capsAt, "flagLink"); obj != nil {
		m.Capabilities.FlagLink = l.flagLink(obj, capsAt.Append("flagLink"))
	}
}

func (l *loader) trigger(obj *jsonvalue.Object, at jsonpath.Pointer) *Trigger {
	l.known(obj, at, triggerNames...)
	t := &Trigger{DefaultEventName: l.str(obj, at, "defaultEventName"), TestEventNameRegexp: l.str(obj, at, "testEventNameRegexp")}
	if p := l.object(obj, at, "parser"); p != nil {
		pat := at.Append("parser")
		l.known(p, pat, triggerParserNames...)
		t.Parser = &TriggerParser{EventName: l.str(p, pat, "eventName"), Value: l.str(p, pat, "value"), URL: l.str(p, pat, "url")}
	}
	return t
}

func (l *loader) approval(obj *jsonvalue.Object, at jsonpath.Pointer) *Approval {
	l.known(obj, at, approvalNames...)
	a := &Approval{
		EnvironmentFormVariables: l.formVariables(obj, at, "environmentFormVariables"),
		ApprovalFormVariables:    l.formVariables(obj, at, "approvalFormVariables"),
		CreationRequest:          l.approvalRequest(obj, at, "creationRequest"),
		StatusRequest:            l.approvalRequest(obj, at, "statusRequest"),
		PostApplyRequest:         l.approvalRequest(obj, at, "postApplyRequest"),
		DeletionRequest:          l.approvalRequest(obj, at, "deletionRequest"),
	}
	if r := l.object(obj, at, "memberListRequest"); r != nil {
		rat := at.Append("memberListRequest")
		l.known(r, rat, requestNames...)
		a.MemberListRequest = &MemberListRequest{JSONBody: l.str(r, rat, "jsonBody")}
		if p := l.object(r, rat, "parser"); p != nil {
			pat := rat.Append("parser")
			l.known(p, pat, memberParserNames...)
			mp := &MemberListParser{MemberArrayPath: l.str(p, pat, "memberArrayPath")}
			if items := l.object(p, pat, "memberItems"); items != nil {
				iat := pat.Append("memberItems")
				l.known(items, iat, memberItemNames...)
				mp.MemberItems = &MemberItems{Email: l.str(items, iat, "email"), MemberID: l.str(items, iat, "memberId")}
			}
			a.MemberListRequest.Parser = mp
		}
	}
	return a
}

func (l *loader) approvalRequest(parent *jsonvalue.Object, at jsonpath.Pointer, name string) *ApprovalRequest {
	obj := l.object(parent, at, name)
	if obj == nil {
		return nil
	}
	rat := at.Append(name)
	l.known(obj, rat, requestNames...)
	r := &ApprovalRequest{JSONBody: l.str(obj, rat, "jsonBody")}
	if p := l.object(obj, rat, "parser"); p != nil {
		pat := rat.Append("parser")
		l.known(p, pat, approvalParserNames...)
		r.Parser = &ApprovalParser{
			ApprovalID:       l.str(p, pat, "approvalId"),
			StatusValue:      l.str(p, pat, "statusValue"),
			StatusDisplay:    l.str(p, pat, "statusDisplay"),
			ApprovalMatcher:  l.str(p, pat, "approvalMatcher"),
			RejectionMatcher: l.str(p, pat, "rejectionMatcher"),
			URLTemplate:      l.str(p, pat, "urlTemplate"),
		}
	}
	return r
}

func (l *loader) featureStore(obj *jsonvalue.Object, at jsonpath.Pointer) *FeatureStore {
	l.known(obj, at, featureStoreNames...)
	fs := &FeatureStore{FormVariables: l.formVariables(obj, at, "formVariables")}
	if v := l.object(obj, at, "validationRequest"); v != nil {
		vat := at.Append("validationRequest")
		l.known(v, vat, validationNames...)
		fs.ValidationRequest = &ValidationRequest{}
		if p := l.object(v, vat, "parser"); p != nil {
			pat := vat.Append("parser")
			l.known(p, pat, validationParser...)
			fs.ValidationRequest.Parser = &ValidationParser{Success: l.str(p, pat, "success"), Errors: l.str(p, pat, "errors")}
		}
	}
	return fs
}

// formVariables loads the array of form variables parent[name].
func (l *loader) formVariables(parent *jsonvalue.Object, at jsonpath.Pointer, name string) []*FormVariable {
	items := l.array(parent, at, name)
	var out []*FormVariable
	for i, item := range items {
		fat := at.Append(name, strconv.Itoa(i))
		obj, ok := item.(*jsonvalue.Object)
		if !ok {
			l.add(fat, CodeWrongType, "a form variable must be an object, not %s", article(jsonvalue.Kind(item)))
			continue
		}
		l.known(obj, fat, formVariableNames...)
		fv := &FormVariable{At: fat}
		if k := l.str(obj, fat, "key"); k != nil {
			fv.Key = *k
		}
		if d := l.object(obj, fat, "dynamicOptions"); d != nil {
			dat := fat.Append("dynamicOptions")
			l.known(d, dat, dynamicOptionsNames...)
			fv.DynamicOptions = &DynamicOptions{}
			if p := l.object(d, dat, "parser"); p != nil {
				pat := dat.Append("parser")
				l.known(p, pat, optionsParserNames...)
				op := &OptionsParser{OptionsPath: l.str(p, pat, "optionsPath")}
				if items := l.object(p, pat, "optionsItems"); items != nil {
					iat := pat.Append("optionsItems")
					l.known(items, iat, optionsItemNames...)
					op.OptionsItems = &OptionsItems{Label: l.str(items, iat, "label"), Value: l.str(items, iat, "value")}
				}
				fv.DynamicOptions.Parser = op
			}
		}
		out = append(out, fv)
	}
	return out
}

func (l *loader) auditLogEventsHook(obj *jsonvalue.Object, at jsonpath.Pointer) *AuditLogEventsHook {
	l.known(obj, at, auditHookNames...)
	h := &AuditLogEventsHook{}
	if t := l.object(obj, at, "templates"); t != nil {
		tat := at.Append("templates")
		l.known(t, tat, auditTemplateNames...)
		for _, name := range auditTemplateNames {
			if s := l.str(t, tat, name); s != nil {
				h.Templates = append(h.Templates, TemplateField{At: tat.Append(name), Name: "templates." + name, Text: *s})
			}
		}
	}
	return h
}

func (l *loader) flagLink(obj *jsonvalue.Object, at jsonpath.Pointer) *FlagLink {
	l.known(obj, at, flagLinkNames...)
	f := &FlagLink{}
	ui := l.object(obj, at, "uiBlocks")
	if ui == nil {
		return f
	}
	uat := at.Append("uiBlocks")
	l.known(ui, uat, uiBlockNames...)
	add := func(parent *jsonvalue.Object, pat jsonpath.Pointer, name, shown string) {
		if s := l.str(parent, pat, name); s != nil {
			f.Templates = append(f.Templates, TemplateField{At: pat.Append(name), Name: shown, Text: *s})
		}
	}
	add(ui, uat, "name", "uiBlocks.name")
	if img := l.object(ui, uat, "image"); img != nil {
		iat := uat.Append("image")
		l.known(img, iat, imageNames...)
		add(img, iat, "sourceUrl", "uiBlocks.image.sourceUrl")
	}
	for _, block := range []struct {
		name  string
		names []string
	}{{"title", titleNames}, {"context", contextBlockNames}} {
		b := l.object(ui, uat, block.name)
		if b == nil {
			continue
		}
		bat := uat.Append(block.name)
		l.known(b, bat, block.names...)
		for i, el := range l.array(b, bat, "elements") {
			eat := bat.Append("elements", strconv.Itoa(i))
			eo, ok := el.(*jsonvalue.Object)
			if !ok {
				l.add(eat, CodeWrongType, "a UI block element must be an object, not %s", article(jsonvalue.Kind(el)))
				continue
			}
			l.known(eo, eat, elementNames...)
			shown := "uiBlocks." + block.name + ".elements[" + strconv.Itoa(i) + "]."
			add(eo, eat, "text", shown+"text")
			add(eo, eat, "url", shown+"url")
		}
	}
	return f
}

// array returns member name of parent when it is an array; it reports a problem
// when the member is present with another type.
func (l *loader) array(parent *jsonvalue.Object, at jsonpath.Pointer, name string) []any {
	v, ok := parent.Get(name)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		l.add(at.Append(name), CodeWrongType, "%q must be an array, not %s", name, article(jsonvalue.Kind(v)))
	}
	return arr
}
