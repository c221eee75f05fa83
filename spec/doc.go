// Package spec holds the types of a LaunchDarkly integration manifest as far as
// segsync reads it, loads manifests from JSON, and defines the Problem type in which
// every manifest diagnostic, structural or semantic, is reported.
//
// Loading checks structure only: JSON types and property names of the
// capabilities segsync interprets. The rules that tie fields together (modes, pointer
// syntax, regular expressions, templates) are checked by the compilers:
// parser.Compile for syncedSegment, and trigger, approval, memberlist,
// dynamicoptions and featurestore for the other parsers (capability.Check runs
// them all); each reports them together with the structural problems found here
// that concern its part of the manifest (Manifest.Scoped).
package spec
