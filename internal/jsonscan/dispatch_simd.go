//go:build goexperiment.simd && amd64

package jsonscan

import "simd/archsimd"

// useAVX2 chooses the fast paths of skip_avx2.go, which read 64 bytes at a time
// with AVX2, over the pure-Go ones. It is set once, from the CPU; tests turn it off
// to run the pure-Go paths in the same binary.
var useAVX2 = archsimd.X86.AVX2()

// skipBuffered is skipValue's fast path; see skipBufferedGo, whose answers it
// gives for every input.
func skipBuffered(buf []byte, pos int, kinds []byte, room int) (end int, k []byte) {
	end, _, _, k = skipAVX2(buf, pos, nil, kinds, room)
	return
}

// skipMembers is members' fast path; see skipMembersGo, whose answers it gives
// for every input.
func skipMembers(buf []byte, pos int, st *state, kinds []byte, room int) (end int, next *state, edge int, k []byte) {
	end, next, edge, k = skipAVX2(buf, pos, st, kinds, room)
	return
}

// stringEnd is the string scan of the fast paths; see stringEndGo, whose answers
// it gives for every input. (One call, which stringEndAVX2 makes stringEndGo
// without AVX2, so that the compiler inlines it.)
func stringEnd(buf []byte, pos int) (int, bool) {
	return stringEndAVX2(buf, pos)
}
