#!/bin/sh
# smoke.sh gives every fuzz target in this package a short run, one target per
# "go test -fuzz" invocation as Go requires. Usage, from anywhere:
#
#   fuzz/smoke.sh [FUZZTIME]      # default 5s per target
#
# Longer runs: FUZZTIME=10m fuzz/smoke.sh, or one target by hand with
#   go test -run='^$' -fuzz='^FuzzDifferential$' -fuzztime=10m ./fuzz/
set -eu
cd "$(dirname "$0")/.."
fuzztime=${1:-${FUZZTIME:-5s}}
targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' fuzz/*_test.go | sed 's/^func //' | sort)
go test -c -o /dev/null ./fuzz/ # fail fast on a build error
for t in $targets; do
	echo "== $t ($fuzztime)"
	go test -run='^$' -fuzz="^$t\$" -fuzztime="$fuzztime" -parallel=2 ./fuzz/
done
