// Package capability addresses the declarative parsers of an integration
// manifest by name and checks them all at once.
//
// Names: "syncedSegment" (package parser), "trigger" (package trigger),
// "approval.creationRequest", "approval.statusRequest",
// "approval.postApplyRequest", "approval.deletionRequest" (package approval),
// "approval.memberListRequest" (package memberlist),
// "featureStore.validationRequest" (package featurestore), and for the
// dynamicOptions of a form variable (package dynamicoptions)
// "formVariables/N.dynamicOptions" for the manifest's top-level formVariables,
// "approval.environmentFormVariables/N.dynamicOptions",
// "approval.approvalFormVariables/N.dynamicOptions" and
// "featureStore.formVariables/N.dynamicOptions" for a capability's, N counting
// from 0.
//
// [Compile] compiles one of them into a [Program] whose Parse returns the
// capability's typed result; [Check] compiles every one a manifest has, and
// parses its other templates (auditLogEventsHook, flagLink), returning every
// problem at once.
package capability
