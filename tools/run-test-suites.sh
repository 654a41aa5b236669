#!/usr/bin/env bash
# `npm test`: every Jest project on NestJS 12 and this machine's Node, and beside it, one after the
# other, the library's suites on NestJS 11 and on Node 22 and 24. Jest gives each run one worker
# on 2 cores, so the two lines of runs share the machine without oversubscribing it. Each run's
# output is kept apart and printed whole when it ends; the exit code is the first failure's.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

npx jest >"$logs/main.log" 2>&1 &
main=$!
{ bash tools/test-nest11.sh && bash tools/test-node-versions.sh; } >"$logs/compat.log" 2>&1 &
compat=$!

wait "$main"; main_status=$?
echo "=== NestJS 12, Node $(node --version): every project ==="
cat "$logs/main.log"
# The short fleet simulation (under 3 minutes) takes the main run's core while the compat runs go on.
echo "=== Fleet simulation, short: fleet/run-short.test.sh ==="
bash fleet/run-short.test.sh; fleet_status=$?
wait "$compat"; compat_status=$?
echo "=== NestJS 11, then Node 22 and 24: the library's unit and e2e suites ==="
cat "$logs/compat.log"

echo "main run exit $main_status; fleet exit $fleet_status; compatibility runs exit $compat_status"
if ((main_status != 0)); then exit "$main_status"; fi
if ((fleet_status != 0)); then exit "$fleet_status"; fi
exit "$compat_status"
