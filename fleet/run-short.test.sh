#!/usr/bin/env bash
# CI's fleet check: the short fleet simulation (`npm run fleet -- --short`, under 3 minutes), which
# exits non-zero when OUR module restarted a replica, left one out of rotation past its bound, or
# failed a user request under pool saturation, or when the CONTROL stopped restarting replicas
# (fleet/report/fleet.assertions.mjs). This script also requires the pinned summary as the last line.
# Results go to a temp dir: a CI run leaves the repository as it found it.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [[ ! -f packages/nestjs-probes/dist/index.js ]]; then
  npm run build --workspace nestjs-probes >/dev/null || exit 1
fi

node fleet/fleet.mjs --short --out "$out/short.json" --no-docs 2>&1 | tee "$out/fleet.log"
status=${PIPESTATUS[0]}

last=$(tail -n 1 "$out/fleet.log")
pattern='^fleet: ours restarts=[0-9]+ failed=[0-9]+ outOfRotationS=[0-9]+(\.[0-9]+)?; control restarts=[0-9]+ failed=[0-9]+ outOfRotationS=[0-9]+(\.[0-9]+)?$'
if [[ ! $last =~ $pattern ]]; then
  echo "fleet: the last line is not the pinned summary: $last" >&2
  ((status == 0)) && status=1
fi
echo "fleet short run exit $status"
exit "$status"
