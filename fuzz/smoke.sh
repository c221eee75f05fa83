#!/bin/sh
# smoke.sh gives every fuzz target in the module a short run, one target per
# "go test -fuzz" invocation as Go requires. Usage, from anywhere:
#
#   fuzz/smoke.sh [FUZZTIME]      # default 5000x: 5,000 inputs per target
#
# The default budget is a count, not a duration: with Go 1.26 a duration can end in
# a spurious "context deadline exceeded" failure when a busy worker is still running
# an input as the time runs out (go.dev/issue/75804, fixed in Go 1.27); a count has
# no deadline to race. Longer runs: FUZZTIME=1000000x fuzz/smoke.sh, or one target
# by hand with
#   go test -run='^$' -fuzz='^FuzzDifferential$' -fuzztime=2000000x ./fuzz/
set -eu
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-5000x}}
for dir in $(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do
	go test -c -o /dev/null "$dir" # fail fast on a build error
	# Targets in files built only under a GOEXPERIMENT run below, with it.
	for t in $(grep -L '^//go:build goexperiment' "$dir"/*_test.go | xargs -r grep -ho '^func Fuzz[A-Za-z0-9_]*' | sed 's/^func //' | sort -u); do
		echo "== fuzz $dir $t ($fuzztime)"
		go test -run='^$' -fuzz="^$t\$" -fuzztime="$fuzztime" "$dir"
	done
done
# internal/jsonscan's AVX2 fast paths (GOEXPERIMENT=simd, amd64 only): their
# differential target against the pure-Go paths, and the fast paths against the
# careful one through them.
if [ "$(go env GOARCH)" = amd64 ]; then
	for t in FuzzSIMDVsGo FuzzFastVsCareful; do
		echo "== fuzz ./internal/jsonscan $t ($fuzztime, GOEXPERIMENT=simd)"
		GOEXPERIMENT=simd go test -run='^$' -fuzz="^$t\$" -fuzztime="$fuzztime" ./internal/jsonscan
	done
fi
