import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..', '..');
const repoRoot = join(packageDir, '..', '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const SUBPATHS = [
  'typeorm',
  'ioredis',
  'system',
  'http',
  'prometheus',
  'opentelemetry',
  'microservices',
  'grpc',
];

describe('nestjs-probes package manifest', () => {
  it('is named nestjs-probes and ships only its build and docs', () => {
    expect(manifest.name).toBe('nestjs-probes');
    expect(manifest.files).toEqual(['dist', 'proto', 'README.md', 'CHANGELOG.md', 'LICENSE']);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines.node).toBeDefined();
  });

  it('exports types and code, and ./package.json', () => {
    expect(manifest.exports['.']).toEqual({
      types: './dist/index.d.ts',
      default: './dist/index.js',
    });
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });

  it.each(SUBPATHS)('exports the types and code of ./%s', (subpath) => {
    expect(manifest.exports[`./${subpath}`]).toEqual({
      types: `./dist/${subpath}/index.d.ts`,
      default: `./dist/${subpath}/index.js`,
    });
    expect(manifest.typesVersions['*'][subpath]).toEqual([`./dist/${subpath}/index.d.ts`]);
  });

  it('ships the nestjs-probes command: a built file in files, starting with a node shebang', () => {
    expect(manifest.bin).toEqual({ 'nestjs-probes': 'dist/bin/probe.js' });
    const bin: string = manifest.bin['nestjs-probes'];
    expect(
      manifest.files.some((entry: string) => bin === entry || bin.startsWith(`${entry}/`)),
    ).toBe(true);
    // `npm test` builds first (pretest), so the file must exist.
    const file = join(packageDir, bin);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('declares NestJS 11 and 12 as peers, and the drivers, prom-client and @opentelemetry/api as optional ones', () => {
    expect(manifest.peerDependencies).toEqual({
      '@nestjs/common': '^11.0.0 || ^12.0.0',
      '@nestjs/core': '^11.0.0 || ^12.0.0',
      'reflect-metadata': expect.any(String),
      rxjs: expect.any(String),
      ioredis: '^5.0.0',
      typeorm: '^0.3.0 || ^1.0.0',
      'prom-client': '^15.0.0',
      '@opentelemetry/api': '^1.9.0',
      '@nestjs/microservices': '^11.0.0 || ^12.0.0',
      '@grpc/grpc-js': '^1.10.0',
      '@grpc/proto-loader': '^0.7.0 || ^0.8.0',
    });
    expect(manifest.peerDependenciesMeta).toEqual({
      ioredis: { optional: true },
      typeorm: { optional: true },
      'prom-client': { optional: true },
      '@opentelemetry/api': { optional: true },
      '@nestjs/microservices': { optional: true },
      '@grpc/grpc-js': { optional: true },
      '@grpc/proto-loader': { optional: true },
    });
  });

  it('loads the root, system and http entry points without typeorm, ioredis, prom-client or @opentelemetry/api installed', () => {
    // Fails any require of an optional peer, as on a machine without it.
    const script = `const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^(typeorm|ioredis|pg|mysql2|prom-client|@opentelemetry\\/api)(\\/|$)/.test(request)) throw new Error('not installed: ' + request);
        return load.call(this, request, ...rest);
      };
      const names = ['nestjs-probes', 'nestjs-probes/system', 'nestjs-probes/http', 'nestjs-probes/ioredis']
        .map((entry) => Object.keys(require(entry)).sort().join(','));
      console.log(JSON.stringify(names));`;
    const [root, system, http, ioredis] = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString(),
    );
    expect(root).toContain('HealthModule');
    expect(system).toBe('DiskHealthModule,EventLoopHealthModule,MemoryHealthModule');
    expect(http).toBe('HttpHealthModule');
    expect(ioredis).toBe('IoRedisHealthModule');
  });

  it('boots an app that serves its probes without prom-client or @opentelemetry/api installed', async () => {
    const script = `const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^(prom-client|@opentelemetry\\/api)(\\/|$)/.test(request)) throw new Error('not installed: ' + request);
        return load.call(this, request, ...rest);
      };
      require('reflect-metadata');
      const { Module: NestModule } = require('@nestjs/common');
      const { NestFactory } = require('@nestjs/core');
      const { HealthModule } = require('nestjs-probes');
      class App {}
      NestModule({ imports: [HealthModule.forRoot()] })(App);
      (async () => {
        const app = await NestFactory.create(App, { logger: false });
        await app.listen(0, '127.0.0.1');
        const answers = [];
        for (const probe of ['live', 'ready', 'startup']) {
          const response = await fetch(new URL('/health/' + probe, await app.getUrl()));
          answers.push([probe, response.status, await response.json()]);
        }
        let prometheus;
        try { require('nestjs-probes/prometheus'); } catch (error) { prometheus = error.message; }
        let opentelemetry;
        try { require('nestjs-probes/opentelemetry'); } catch (error) { opentelemetry = error.message; }
        await app.close();
        console.log(JSON.stringify({ answers, prometheus, opentelemetry }));
      })();`;
    const { answers, prometheus, opentelemetry } = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString(),
    );
    expect(answers).toEqual([
      ['live', 200, { status: 'up' }],
      ['ready', 200, { status: 'up' }],
      ['startup', 200, { status: 'up' }],
    ]);
    // Only the subpath needs it, and says which package is missing.
    expect(prometheus).toContain('prom-client');
    expect(opentelemetry).toContain('@opentelemetry/api');
  });

  it('loads nestjs-probes/typeorm with typeorm installed', () => {
    const script = `console.log(Object.keys(require('nestjs-probes/typeorm')).join(','));`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString();
    expect(output.trim()).toBe('TypeOrmHealthModule');
  });

  it('loads nestjs-probes/microservices without @nestjs/microservices or any transport library', () => {
    // It reads the app's client and loads none of them: the app's own copies are the ones in use.
    const script = `const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^(@nestjs\\/microservices|nats|@nats-io\\/|mqtt|amqplib|amqp-connection-manager|ioredis)(\\/|$)/.test(request)) throw new Error('not installed: ' + request);
        return load.call(this, request, ...rest);
      };
      console.log(Object.keys(require('nestjs-probes/microservices')).join(','));`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString();
    expect(output.trim()).toBe('MicroserviceHealthModule');
  });

  it('loads nestjs-probes/grpc, and its health proto from the build, with the gRPC peers installed', () => {
    const script = `const grpc = require('nestjs-probes/grpc');
      const { options } = grpc.withGrpcHealth({ options: { url: '127.0.0.1:1' } });
      const protoLoader = require('@grpc/proto-loader');
      const definition = protoLoader.loadSync(options.protoPath);
      console.log(JSON.stringify({
        names: Object.keys(grpc).sort(),
        packages: options.package,
        protoPath: options.protoPath,
        methods: Object.keys(definition['grpc.health.v1.Health']).sort(),
      }));`;
    const { names, packages, protoPath, methods } = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString(),
    );
    expect(names).toEqual(['GrpcHealthModule', 'withGrpcHealth']);
    expect(packages).toEqual(['grpc.health.v1']);
    // Shipped next to dist, in files: the path resolves from the built code.
    expect(protoPath).toEqual([join(packageDir, 'proto', 'grpc', 'health', 'v1', 'health.proto')]);
    expect(methods).toEqual(['Check', 'List', 'Watch']);
  });

  it('loads the root entry point without @grpc/grpc-js or @grpc/proto-loader installed', () => {
    const script = `const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^@grpc\\//.test(request)) throw new Error('not installed: ' + request);
        return load.call(this, request, ...rest);
      };
      console.log(Object.keys(require('nestjs-probes')).includes('HealthModule'));`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString();
    expect(output.trim()).toBe('true');
  });

  it('loads nestjs-probes/prometheus with prom-client installed', () => {
    const script = `console.log(Object.keys(require('nestjs-probes/prometheus')).join(','));`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString();
    expect(output.trim()).toBe('PrometheusHealthModule');
  });

  it('loads nestjs-probes/opentelemetry with @opentelemetry/api installed', () => {
    const script = `console.log(Object.keys(require('nestjs-probes/opentelemetry')).join(','));`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString();
    expect(output.trim()).toBe('OpenTelemetryHealthModule');
  });

  it('resolves from the repository root after the build, with its public API', () => {
    // `npm test` builds first (pretest), so dist is what a consumer would load.
    const script = `const p = require('nestjs-probes');
      console.log(JSON.stringify(Object.keys(p).sort()));`;
    const exported = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: repoRoot }).toString(),
    );
    expect(exported).toEqual(
      expect.arrayContaining([
        'HealthModule',
        'HealthCheck',
        'degraded',
        'down',
        'HealthAdminGuard',
        'HealthConfigurationError',
        'HealthCheckTimeoutError',
        'getHealthOptionsToken',
        'isPublicHealthProbe',
      ]),
    );
    expect(exported).not.toEqual(expect.arrayContaining(['HealthCheckExplorer']));
    expect(exported).not.toEqual(expect.arrayContaining(['HealthCheckExecutor']));
  });

  it('keeps JSDoc in the shipped declarations', () => {
    const declaration = readFileSync(
      join(packageDir, 'dist', 'decorators', 'health-check.decorator.d.ts'),
      'utf8',
    );
    expect(declaration).toContain('@publicApi');
    expect(existsSync(join(packageDir, 'dist', 'index.d.ts'))).toBe(true);
  });

  it('packs only dist and the docs', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: packageDir,
      env: { ...process.env, npm_config_loglevel: 'error' },
    }).toString();
    const [{ files }] = JSON.parse(output);
    const paths: string[] = files.map((file: { path: string }) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'dist/index.js',
        'dist/bin/probe.js',
        'proto/grpc/health/v1/health.proto',
      ]),
    );
    expect(
      paths.filter(
        (path) =>
          !/^(dist\/|proto\/grpc\/health\/v1\/health\.proto$|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(
            path,
          ),
      ),
    ).toEqual([]);
    expect(paths.some((path) => path.endsWith('.spec.js') || path.startsWith('src/'))).toBe(false);
  });
});
