// Package spec holds the types of a LaunchDarkly integration manifest as far as
// segsync reads it, loads manifests from JSON, and defines the Problem type in which
// every manifest diagnostic, structural or semantic, is reported.
//
// Loading checks structure only: JSON types and property names of the
// capabilities segsync interprets. The rules that tie fields together (modes, pointer
// syntax, regular expressions, templates) are checked by parser.Compile, which
// reports them together with the structural problems found here.
package spec
