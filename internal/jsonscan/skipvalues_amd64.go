//go:build goexperiment.simd && amd64

package jsonscan

// skipValuesAVX2 validates and skips JSON values in assembly
// (skipvalues_amd64.s), with the position, the open containers (a 64-level
// bit stack of their kinds) and the string window in registers. It needs AVX2:
// call it only when useAVX2 is true. It settles names and string values, their
// plain runs read through 64-byte stop-mask windows as skipAVX2 reads them, with
// escapes of one letter, \u escapes and surrogate pairs and valid UTF-8 of two
// to four bytes in place; numbers of the full grammar (their digits eight at a
// time), literals, whitespace, and objects and arrays up to room levels (at
// most 64).
//
// With members false it skips the object or array at buf[pos], as
// skipBufferedGo would: it returns the offset just past it as end and kind
// asmSettled.
//
// With members true it skips the value of a member of an object and members
// after it, as skipMembersGo would: pos is where the value is due, after the
// colon (whitespace may come first), at is skipMembers' resume offset there. It
// goes on with the next members as long as each name is plain (no escape) and
// of a length that keyLens (a state's keyLens) rules out, skipping its value:
// at the object's closing '}' it returns that offset and asmSettled; at a name
// of a length keyLens has (or of 64 bytes and more) it returns the offset of
// its opening quote and asmName, with resume the offset just past the last
// comma it read (at, if none), so that Go looks the name up from there.
//
// On anything else (invalid input, more depth than room or 64, an escaped name
// of the members' object, the end of buf within what it reads) it returns -1
// as end and kind: a "cannot settle" that says nothing about the input. The
// caller then goes on in Go from pos, so that the answers are skipBufferedGo's
// and skipMembersGo's by construction.
//
// Its frame (ABI0): the arguments and the results on the stack, no locals; it
// writes the depth room it works with (at most 64) back into room's slot,
// clobbers the general registers AX, BX, CX, DX, SI, DI, R8-R14 and Y0-Y5,
// Y12-Y14, and ends with VZEROUPPER.
//
//go:noescape
func skipValuesAVX2(buf []byte, pos, room int, keyLens uint64, at int, members bool) (end, resume, kind int)

// The kinds skipValuesAVX2 returns.
const (
	asmSettled = 0  // the container, or the members' object, ends at end
	asmName    = 1  // a name for Go to look up at end
	asmFail    = -1 // cannot settle
)

// skipContainerAVX2 is skipValuesAVX2 on the object or array at buf[pos]: the
// offset just past it, or -1 when it cannot settle it.
func skipContainerAVX2(buf []byte, pos, room int) int {
	end, _, _ := skipValuesAVX2(buf, pos, room, 0, -1, false)
	return end
}
