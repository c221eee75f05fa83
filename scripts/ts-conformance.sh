#!/usr/bin/env bash
# usage: scripts/ts-conformance.sh
#
# Runs the whole conformance suite against the LaunchDarkly integration
# framework's TypeScript validation server, with its profile of known
# differences (conformance/profiles/ts-validation-server.json), and exits with
# the runner's status: 0 when no case fails and no known difference is stale.
#
# It builds segsync, exports the suite's manifests, starts the server from
# $SEGSYNC_SHARED/reference/ts-validation-server (default ../shared beside the
# repository; read-only is fine: run.sh builds in a copy under $TMPDIR, once) on
# a free loopback port, runs the suite, and stops the server on every exit path.
# Every step is bounded in time. Needs node and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

shared=${SEGSYNC_SHARED:-../shared}
server_dir=$shared/reference/ts-validation-server
start_limit=${TS_START_LIMIT:-300} # seconds for the first npm ci + build + start
run_limit=${TS_RUN_LIMIT:-300}     # seconds for the suite

die() { echo "ts-conformance: $*" >&2; exit 2; }
[ -x "$server_dir/run.sh" ] || die "no $server_dir/run.sh: set SEGSYNC_SHARED to the shared folder"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed to build the server"

work=$(mktemp -d "${TMPDIR:-/tmp}/segsync-ts-conformance.XXXXXX")
pid=
stop_server() {
  [ -n "$pid" ] || return 0
  # run.sh runs in its own process group (setsid): stop the whole group, npm
  # included when the build is still running.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$work/segsync" ./cmd/segsync
"$work/segsync" conformance --export-manifests "$work/manifests" >/dev/null

# A free loopback port, chosen by the system.
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

setsid "$server_dir/run.sh" "$work/manifests" "$port" >"$work/server.log" 2>&1 &
pid=$!
started=$SECONDS
until grep -q "listening on http://127.0.0.1:$port" "$work/server.log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 30 "$work/server.log" >&2
    die "the server exited before listening"
  fi
  if ((SECONDS - started > start_limit)); then
    tail -n 30 "$work/server.log" >&2
    die "the server did not listen within ${start_limit}s"
  fi
  sleep 0.2
done
echo "ts-conformance: the TypeScript validation server listens on 127.0.0.1:$port (ready after $((SECONDS - started))s)"

rc=0
run_start=$SECONDS
timeout --signal=TERM --kill-after=10 "$run_limit" \
  "$work/segsync" conformance --target "http://127.0.0.1:$port" \
  --endpoint-path /api/v2/segment-target/ --profile ts-validation-server || rc=$?
echo "ts-conformance: suite run in $((SECONDS - run_start))s, exit status $rc"
stop_server
exit "$rc"
