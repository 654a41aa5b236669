#!/usr/bin/env bash
# `npm test`: every Jest project on NestJS 12 and this machine's Node, the library's suites again on
# NestJS 11 and on Node 22 and 24, and the short fleet simulation, in three lines of runs side by
# side. Most of their time is spent waiting (on throwaway servers, brokers going down, probe
# periods), so three lines fit 2 cores; Jest gives each run one worker. Each run's output is kept
# apart and printed whole when it ends; the exit code is the first failure's.
#   main:   every project but the fault suites
#   faults: the fault suites (real servers stopped, killed, frozen), the short fleet simulation,
#           then Node 24
#   compat: NestJS 11, then Node 22
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

npx jest --testPathIgnorePatterns '/test/faults/' >"$logs/main.log" 2>&1 &
main=$!
{
  npx jest --selectProjects nestjs-probes:faults &&
    { echo "=== Fleet simulation, short: fleet/run-short.test.sh ==="; bash fleet/run-short.test.sh; } &&
    NODE_MAJORS=24 bash tools/test-node-versions.sh
} >"$logs/faults.log" 2>&1 &
faults=$!
{ bash tools/test-nest11.sh && NODE_MAJORS=22 bash tools/test-node-versions.sh; } >"$logs/compat.log" 2>&1 &
compat=$!

wait "$main"; main_status=$?
echo "=== NestJS 12, Node $(node --version): every project but the fault suites ==="
cat "$logs/main.log"
wait "$faults"; faults_status=$?
echo "=== NestJS 12: the fault suites; the short fleet simulation; Node 24: the library's suites ==="
cat "$logs/faults.log"
wait "$compat"; compat_status=$?
echo "=== NestJS 11, then Node 22: the library's unit and e2e suites ==="
cat "$logs/compat.log"

echo "main exit $main_status; faults, fleet and Node 24 exit $faults_status; NestJS 11 and Node 22 exit $compat_status"
for status in "$main_status" "$faults_status" "$compat_status"; do
  if ((status != 0)); then exit "$status"; fi
done
