import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..', '..');
const repoRoot = join(packageDir, '..', '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

describe('nestjs-probes package manifest', () => {
  it('is named nestjs-probes and ships only its build and docs', () => {
    expect(manifest.name).toBe('nestjs-probes');
    expect(manifest.files).toEqual(['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']);
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

  it('declares NestJS 11 and 12 as peers', () => {
    expect(manifest.peerDependencies).toEqual({
      '@nestjs/common': '^11.0.0 || ^12.0.0',
      '@nestjs/core': '^11.0.0 || ^12.0.0',
      'reflect-metadata': expect.any(String),
      rxjs: expect.any(String),
    });
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
        'HealthAdminGuard',
        'HealthConfigurationError',
        'HealthCheckTimeoutError',
        'getHealthOptionsToken',
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
      ]),
    );
    expect(
      paths.filter(
        (path) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(path),
      ),
    ).toEqual([]);
    expect(paths.some((path) => path.endsWith('.spec.js') || path.startsWith('src/'))).toBe(false);
  });
});
