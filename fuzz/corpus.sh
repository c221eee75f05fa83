#!/bin/sh
# corpus.sh fuzzes each target of the given packages and commits what it found:
# the inputs that widened coverage (Go keeps them in its cache) are copied into
# the package's testdata/fuzz/<Target>/, where `go test` runs them as seeds from
# then on. A crasher is written there by `go test -fuzz` itself; commit it with
# the fix. Usage, from anywhere:
#
#   fuzz/corpus.sh [FUZZTIME [MAX]] [PACKAGE_DIR...]
#
# FUZZTIME is a count (default 20000x: see smoke.sh for why not a duration), MAX
# the most inputs kept per target (default 40, the smallest first, so that the
# committed corpus stays small and fast to replay). With no package directory,
# every package with fuzz targets is fuzzed.
set -eu
cd "$(dirname "$0")/.."
fuzztime=${1:-20000x}
max=${2:-40}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
dirs="$*"
[ -n "$dirs" ] || dirs=$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
cache=$(go env GOCACHE)/fuzz
module=$(go list -m)
for dir in $dirs; do
	pkg=$module/${dir#./}
	for t in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' | sort -u); do
		echo "== fuzz $dir $t ($fuzztime)"
		go test -run='^$' -fuzz="^$t\$" -fuzztime="$fuzztime" -parallel 1 "$dir"
		found=$cache/$pkg/$t
		[ -d "$found" ] || continue
		mkdir -p "$dir/testdata/fuzz/$t"
		# The smallest entries first, up to max in all.
		have=$(ls "$dir/testdata/fuzz/$t" | wc -l)
		for f in $(ls -S -r "$found"); do
			[ "$have" -lt "$max" ] || break
			[ -e "$dir/testdata/fuzz/$t/$f" ] && continue
			cp "$found/$f" "$dir/testdata/fuzz/$t/$f"
			have=$((have + 1))
		done
		echo "   $have inputs in $dir/testdata/fuzz/$t"
	done
done
