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

const shared: Config = {
  transform: swc,
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^nestjs-probes$': '<rootDir>/packages/nestjs-probes/src/index.ts',
    '^@app/demo-checks$': '<rootDir>/libs/demo-checks/src/index.ts',
  },
  rootDir: __dirname,
};

const config: Config = {
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
      displayName: 'example:e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
    },
  ],
};

export default config;
