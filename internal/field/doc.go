// Package field compiles the fields that every declarative parser of an
// integration manifest is made of: JSON pointers, matchers written for
// JavaScript's RegExp, and Handlebars templates with the framework's helpers.
// Each function reports what is wrong with a field as spec.Problems located by
// the field's manifest pointer, with a stable code and, for a pointer, a
// matcher or a template, an excerpt with a caret under the spot.
//
// Package parser (the syncedSegment requestParser) and the packages of the
// other capabilities (trigger, approval, memberlist, dynamicoptions,
// featurestore) compile their fields here, so that a pointer, a matcher or a
// template is judged the same way wherever a manifest uses it. The package
// compiles fields only; reading payloads is package extract's job.
package field
