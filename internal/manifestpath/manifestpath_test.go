package manifestpath

import "testing"

func TestPointers(t *testing.T) {
	if got := Capability().String(); got != "/capabilities/syncedSegment" {
		t.Errorf("Capability() = %q", got)
	}
	if got := RequestParser().String(); got != "/capabilities/syncedSegment/requestParser" {
		t.Errorf("RequestParser() = %q", got)
	}
}
