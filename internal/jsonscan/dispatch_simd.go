//go:build goexperiment.simd && amd64

package jsonscan

import "simd/archsimd"

// useAVX2 chooses the fast paths of skip_avx2.go, which read 64 bytes at a time
// with AVX2, over the pure-Go ones. It is set once, from the CPU; tests turn it off
// to run the pure-Go paths in the same binary.
//
// The four functions below are the only ways into the AVX2 code, and each
// clears the upper halves of the vector registers on the way out (VZEROUPPER):
// the Go code around them uses SSE instructions (the compiler's zeroing and
// small copies), which on Intel processors run with a false dependency on
// those halves while they are dirty. Without it, Parse, which goes back and
// forth between the scanner and its handler, ran at half the speed of the
// pure-Go build on a Xeon (Emerald Rapids), while validation alone was faster.
var useAVX2 = archsimd.X86.AVX2()

// leaveAVX2 clears the upper halves of the vector registers after AVX2 code, when
// the CPU has AVX2 (and so the instruction).
func leaveAVX2() {
	if useAVX2 {
		archsimd.ClearAVXUpperBits()
	}
}

// skipBuffered is skipValue's fast path; see skipBufferedGo, whose answers it
// gives for every input.
func skipBuffered(buf []byte, pos int, kinds []byte, room int) (end int, k []byte) {
	end, _, _, k = skipAVX2(buf, pos, nil, kinds, room, nil)
	leaveAVX2()
	return
}

// skipMembers is members' fast path; see skipMembersGo, whose answers it gives
// for every input.
func skipMembers(buf []byte, pos int, st *state, kinds []byte, room int) (end int, next *state, edge int, k []byte) {
	end, next, edge, k = skipAVX2(buf, pos, st, kinds, room, nil)
	leaveAVX2()
	return
}

// skipFlat is flat's fast path; see skipMembersGo with fl, whose answers and
// deliveries it gives for every input.
func skipFlat(buf []byte, pos int, st *state, kinds []byte, room int, fl *flatRead) (end int, edge int, k []byte) {
	end, _, edge, k = skipAVX2(buf, pos, st, kinds, room, fl)
	leaveAVX2()
	return
}

// stringEnd is the string scan of the fast paths; see stringEndGo, whose answers
// it gives for every input. (Small, so that the compiler inlines it: without
// AVX2, stringEndAVX2 is stringEndGo.)
func stringEnd(buf []byte, pos int) (end int, esc bool) {
	end, esc = stringEndAVX2(buf, pos)
	leaveAVX2()
	return
}
