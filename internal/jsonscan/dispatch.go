//go:build !(goexperiment.simd && amd64)

package jsonscan

// The default build: the fast paths are the pure-Go ones. With GOEXPERIMENT=simd on
// amd64, dispatch_simd.go replaces these four with versions that use AVX2 when the
// CPU has it.

// useAVX2 is false: the AVX2 paths are not built.
const useAVX2 = false

// skipBuffered is skipValue's fast path; see skipBufferedGo.
func skipBuffered(buf []byte, pos int, kinds []byte, room int) (int, []byte) {
	return skipBufferedGo(buf, pos, kinds, room)
}

// skipMembers is members' fast path; see skipMembersGo. (Written with named
// results, it is cheap enough for the compiler to inline.)
func skipMembers(buf []byte, pos int, st *state, kinds []byte, room int) (end int, next *state, edge int, k []byte) {
	end, next, edge, k = skipMembersGo(buf, pos, st, kinds, room, nil)
	return
}

// skipFlat is flat's fast path; see skipMembersGo with fl.
func skipFlat(buf []byte, pos int, st *state, kinds []byte, room int, fl *flatRead) (end int, edge int, k []byte) {
	end, _, edge, k = skipMembersGo(buf, pos, st, kinds, room, fl)
	return
}

// stringEnd is the string scan of the fast paths; see stringEndGo.
func stringEnd(buf []byte, pos int) (int, bool) {
	return stringEndGo(buf, pos)
}
