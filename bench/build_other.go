//go:build !(goexperiment.simd && amd64)

package bench

// SIMDPath reports whether segsync's scanner takes its AVX2 path: never in a
// build without GOEXPERIMENT=simd on amd64, whose scanner is pure Go.
func SIMDPath() bool { return false }
