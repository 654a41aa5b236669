/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// NestJS 12 ships ESM only; SWC turns it (and our TypeScript) into CommonJS for Jest.
const swc: Config['transform'] = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// `tools/test-nest11.sh` sets NEST_COMPAT=11: every @nestjs/* import then loads NestJS 11 (CommonJS)
// from tools/nest11, so the same suites prove both majors.
const nestPackages: Record<string, string> =
  process.env.NEST_COMPAT === '11'
    ? { '^@nestjs/([^/]+)(.*)$': '<rootDir>/tools/nest11/node_modules/@nestjs/$1$2' }
    : {};

const shared: Config = {
  transform: swc,
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    ...nestPackages,
    '^nestjs-probes$': '<rootDir>/packages/nestjs-probes/src/index.ts',
    '^nestjs-probes/(typeorm|ioredis|system|http|prometheus|opentelemetry|grpc|microservices)$': '<rootDir>/packages/nestjs-probes/src/$1/index.ts',
    '^@app/(auth|database|cache)$': '<rootDir>/libs/$1/src/index.ts',
    // Test tooling (a private workspace, never built): its TypeScript source, as for @app/*.
    '^@internal/test-servers$': '<rootDir>/tools/test-servers/src/index.ts',
  },
  rootDir: __dirname,
};

const config: Config = {
  // CI runs three lines of suites on 2 cores, the first files with a cold transform cache: a hook
  // that boots an app may take longer than Jest's 5 s there. A hang still fails, later. Jest reads
  // this from the top level only: inside a project it is silently ignored.
  testTimeout: 15_000,
  projects: [
    {
      ...shared,
      displayName: 'nestjs-probes:unit',
      testMatch: ['<rootDir>/packages/nestjs-probes/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'nestjs-probes:e2e',
      testMatch: ['<rootDir>/packages/nestjs-probes/test/**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'nestjs-probes:faults',
      testMatch: ['<rootDir>/packages/nestjs-probes/test/faults/**/*.fault-spec.ts'],
    },
    {
      ...shared,
      displayName: 'test-servers:e2e',
      testMatch: ['<rootDir>/tools/test-servers/test/**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'libs:unit',
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'libs:e2e',
      testMatch: ['<rootDir>/libs/*/test/**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'example:unit',
      testMatch: ['<rootDir>/apps/*/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'example:e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      // The fleet simulation's kubelet and figures; the fleet itself runs in fleet/run-short.test.sh.
      displayName: 'fleet:unit',
      testMatch: ['<rootDir>/fleet/**/*.spec.mjs'],
    },
  ],
};

export default config;
