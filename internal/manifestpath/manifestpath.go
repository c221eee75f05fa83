// Package manifestpath names the places in an integration manifest that both
// package spec (loading) and package parser (compiling) report problems at.
package manifestpath

import "github.com/segsync/segsync/jsonpath"

// Capability returns the manifest pointer of the syncedSegment capability,
// /capabilities/syncedSegment.
func Capability() jsonpath.Pointer { return jsonpath.New("capabilities", "syncedSegment") }

// RequestParser returns the manifest pointer of the requestParser object,
// /capabilities/syncedSegment/requestParser.
func RequestParser() jsonpath.Pointer { return Capability().Append("requestParser") }
