//go:build goexperiment.simd && amd64

package bench

import "simd/archsimd"

// SIMDPath reports whether segsync's scanner takes its AVX2 path in this
// build on this machine: built with GOEXPERIMENT=simd, on a CPU with AVX2.
func SIMDPath() bool { return archsimd.X86.AVX2() }
