// Package handlebars is a small, safe implementation of the Handlebars template
// language for rendering JSON response bodies.
//
// It supports the subset of Handlebars that integration manifests use: paths
// ({{a.b}}, {{this}}, {{./a}}, {{../a}}, {{[odd key]}}), data variables (@index,
// @key, @first, @last, @root), comments, the built-in block helpers if, unless,
// each and with (with {{else}}, {{^}} and {{else if …}} chains), block helpers
// registered per template, the helpers of LaunchDarkly's integration framework
// ([FrameworkHelpers]: equal, equalWithElse, pathEncode, queryEncode,
// basicAuthHeaderValue, formatWithOffset), whitespace control ({{~ … ~}}) and
// Handlebars' stripping of standalone lines, and \{{ escaped mustaches. Output
// matches Handlebars.js 4.7.8 (with the framework's helpers/index.js) for
// these constructs, except for escaping, for the rendering of numbers noted
// below, for the corner cases of strings and arrays noted at
// [Template.Render], and for formatWithOffset's time zone and times that are
// not numbers, noted at [FrameworkHelpers].
//
// Unlike Handlebars.js, every interpolation — {{x}}, {{{x}}} and {{&x}} alike —
// is escaped for the inside of a JSON string (see [EscapeJSONString]), so that
// data can never break the JSON document the template produces. A
// [jsonvalue.Number] is written as its literal text, exactly as it appeared in
// the input.
//
// The package is not a general-purpose Handlebars engine: partials, decorators,
// inline partials, raw blocks, sub-expressions, hash arguments, block
// parameters, inverse sections ({{^name}}), mustache sections ({{#name}} on a
// value) and helpers that are not registered are rejected by [Parse] with a
// [*ParseError] naming the construct; nothing is silently ignored. It is not for
// HTML: use html/template for that.
//
// [Parse] does all the checking once; a [*Template] is immutable, has no
// process-wide state, starts no goroutines, and renders any data within the
// limits given by [Limits], returning a [*RenderError] instead of panicking.
package handlebars
