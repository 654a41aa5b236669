#!/usr/bin/env bash
# Runs the library's unit and e2e suites on the Node majors users run besides this machine's own
# (NestJS 12's dependencies ask for Node 22 or later). The npm registry's `node` package provides
# each binary; jest, its workers and every process the tests spawn run on it (process.execPath).
#   NODE_MAJORS="22 24" (default)
# What depends on the Node major runs here; suites that measure load or drive real brokers through
# faults (the same library code, timed) run once, on the main run, to keep CI within its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
for major in ${NODE_MAJORS:-22 24}; do
  echo "Node $(npx -y -p "node@$major" node --version) (library unit and e2e)"
  npx -y -p "node@$major" node node_modules/jest/bin/jest.js \
    --selectProjects nestjs-probes:unit nestjs-probes:e2e \
    --testPathIgnorePatterns 'grpc-health-load' 'microservice-transports' "$@"
done
