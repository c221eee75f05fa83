#!/bin/sh
# field.sh [LAYOUTS]: the field of BENCHMARKS.md (BenchmarkField, BenchmarkSmall,
# BenchmarkReaderRatio), one run in each of LAYOUTS function layouts (6 unless
# given; the linker's -randlayout, seeds 1 to LAYOUTS), all to standard output
# for `go run ./internal/benchplot -field`, which takes the median of the runs.
# Where a program's functions lie moves some contestants by several percent (the
# validators most; BENCHMARKS.md, "Code layout"), so one build is one draw.
# GOEXPERIMENT=simd in the environment measures the AVX2 build.
set -eu
cd "$(dirname "$0")"
layouts=${1:-6}
seed=1
while [ "$seed" -le "$layouts" ]; do
	go test -ldflags=-randlayout="$seed" -run '^$' -bench 'Field|Small|ReaderRatio' -benchtime 5x -count 1 -cpu 1
	seed=$((seed + 1))
done
