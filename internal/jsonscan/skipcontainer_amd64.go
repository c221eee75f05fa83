//go:build goexperiment.simd && amd64

package jsonscan

// skipContainerAVX2 validates the object or array that starts at buf[pos] and
// returns the offset just past it, in assembly (skipcontainer_amd64.s), with
// the position, the open containers and the string window in registers. It
// needs AVX2: call it only when useAVX2 is true.
//
// It settles what skipBufferedGo settles for a container, with the same end:
// nested objects and arrays up to room levels (the outer one counted; at most
// 64), member names and string values with their plain runs read 32 bytes at
// a time, escapes of one letter, \u escapes and surrogate pairs, valid UTF-8 of
// two to four bytes, numbers of the full grammar, literals and whitespace. On
// anything else (the byte at pos not '{' or '[', anything invalid, more depth
// than room or 64, the end of buf within the value) it returns -1, a "cannot
// settle" that says nothing about the value: the caller then scans it in Go
// from the same offset, so that the answers are skipBufferedGo's by
// construction.
//
// Its frame (ABI0): the arguments buf (pointer, length, capacity), pos and
// room and the result on the stack, no locals; it clobbers the general
// registers AX, BX, CX, DX, SI, DI, R8-R13 and Y0-Y2, Y12-Y14, and ends with
// VZEROUPPER.
//
//go:noescape
func skipContainerAVX2(buf []byte, pos, room int) int
