#!/usr/bin/env bash
# Runs the library's unit and e2e suites once more against NestJS 11 (CommonJS), installed apart in
# tools/nest11 so the main tree keeps NestJS 12. jest.config.ts maps @nestjs/* there on NEST_COMPAT=11.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix tools/nest11 --no-audit --no-fund --loglevel=error
echo "NestJS $(node -p "require('./tools/nest11/node_modules/@nestjs/core/package.json').version") (compat run)"
# The 10,000-Check gRPC load test measures the same library code: it runs once, on the main run.
NEST_COMPAT=11 npx jest --selectProjects nestjs-probes:unit nestjs-probes:e2e \
  --testPathIgnorePatterns 'grpc-health-load' "$@"
