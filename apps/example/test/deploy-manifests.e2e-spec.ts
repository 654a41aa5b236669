import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join, posix } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type ProbeKind } from 'nestjs-probes';
import request from 'supertest';
import { parseProbeArguments } from '../../../packages/nestjs-probes/src/bin/probe-arguments.util';
import { HealthCheckRegistry } from '../../../packages/nestjs-probes/src/checks/health-check.registry';
import { refusedPort, ThrowawayRedis } from '@internal/test-servers';
import type * as AppModuleFile from '../src/app.module';
import { validateEnvironment } from '../src/config/environment';
import { durationMs, readHealthcheck } from './support/deploy-dockerfile.util';
import {
  containersOf,
  DEFAULT_GRACE_SECONDS,
  literalEnv,
  loadManifests,
  PROBE_DEFAULTS,
  PROBE_KINDS,
  type ProbeField,
  probesOf,
  scrapeTargetsOf,
  timeoutMsOf,
} from './support/deploy-kubernetes.util';
import { REPO_ROOT } from './support/example-app.process';

jest.setTimeout(60_000);

/** Readiness answers 503 until the startup probe opens, running the startup checks meanwhile. */
const TRIGGERS: Record<ProbeField, ProbeKind[]> = {
  startupProbe: ['startup'],
  livenessProbe: ['liveness'],
  readinessProbe: ['readiness', 'startup'],
};
const ENDPOINTS: Record<ProbeKind, string> = {
  startup: 'startup',
  liveness: 'live',
  readiness: 'ready',
};
/** Time after the drain to close PostgreSQL and Redis, on top of the longest query. */
const CLOSE_ALLOWANCE_MS = 5_000;

const LIBRARY_DIR = join(REPO_ROOT, 'packages', 'nestjs-probes');

const manifests = loadManifests();
const containers = containersOf(manifests);
const probes = probesOf(containers);
const scrapeTargets = scrapeTargetsOf(manifests);

describe('deploy/ manifests against the example app', () => {
  let app: INestApplication;
  let registry: HealthCheckRegistry;
  let redis: ThrowawayRedis;
  let port: number;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    redis = await ThrowawayRedis.start();
    // ConfigModule reads the environment when app.module is first loaded: set it before.
    process.env.REDIS_URL = redis.url;
    delete process.env.DATABASE_URL;
    const { AppModule } = require('../src/app.module') as typeof AppModuleFile;
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    port = app.getHttpServer().address().port;
    registry = app.get(HealthCheckRegistry);
  });

  afterAll(async () => {
    await app?.close();
    await redis?.destroy();
    process.env = savedEnv;
  });

  it('finds a startup, liveness and readiness probe on every container', () => {
    expect(containers.length).toBeGreaterThan(0);
    for (const { label, container } of containers) {
      const missing = (Object.keys(PROBE_KINDS) as ProbeField[]).filter((f) => !container[f]);
      expect({ label, missing }).toEqual({ label, missing: [] });
    }
  });

  it.each(['liveness', 'readiness', 'startup'] as const)('the app registers a %s check', (kind) => {
    expect(registry.getByProbe(kind).length).toBeGreaterThan(0);
  });

  it('registers the cache check, so every check a deployment can run is measured', () => {
    expect(registry.getAll().map((runner) => runner.definition.name)).toContain('cache');
  });

  describe.each(probes)('$label', ({ field, probe, container }) => {
    it('GETs a path the app serves, at its endpoint, on a port of the container', async () => {
      const { path, port: probePort } = probe.httpGet ?? {};
      expect(path).toMatch(new RegExp(`/${ENDPOINTS[PROBE_KINDS[field]]}$`));
      const response = await request(app.getHttpServer()).get(path!);
      expect([200, 503]).toContain(response.status);
      const ports = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
      expect(ports).toContain(probePort);
    });

    it('has timeoutSeconds above the timeout of every check it triggers', () => {
      const limitMs = timeoutMsOf(probe);
      const checks = registry
        .getAll()
        .filter((runner) => runner.definition.probes.some((p) => TRIGGERS[field].includes(p)));
      expect(checks.length).toBeGreaterThan(0);
      const tooSlow = checks
        .filter(({ definition }) => definition.timeout >= limitMs)
        .map(({ definition: { name, timeout } }) => {
          return `${field} timeoutSeconds ${limitMs / 1000} (${limitMs} ms) does not exceed check "${name}" timeout ${timeout} ms`;
        });
      expect(tooSlow).toEqual([]);
    });
  });

  describe.each(containers)('$label', ({ container, pod }) => {
    const env = validateEnvironment(literalEnv(container));

    it("listens on the container's port", () => {
      expect(container.ports?.map((p) => p.containerPort)).toContain(env.PORT);
    });

    it('sets PROBE_TIMEOUT_MS within the shortest probe timeout and above every check', () => {
      const ownProbes = probes.filter((deployed) => deployed.container === container);
      const shortestMs = Math.min(...ownProbes.map((deployed) => timeoutMsOf(deployed.probe)));
      const problems = registry
        .getAll()
        .filter(({ definition }) => definition.refresh === 'on-probe')
        .filter(({ definition }) => definition.timeout > env.PROBE_TIMEOUT_MS)
        .map(({ definition: { name, timeout } }) => {
          return `check "${name}" timeout ${timeout} ms exceeds PROBE_TIMEOUT_MS ${env.PROBE_TIMEOUT_MS}: the app warns at bootstrap`;
        });
      if (env.PROBE_TIMEOUT_MS > shortestMs) {
        problems.push(
          `PROBE_TIMEOUT_MS ${env.PROBE_TIMEOUT_MS} exceeds the shortest probe timeout ${shortestMs} ms`,
        );
      }
      expect(problems).toEqual([]);
    });

    it('drains longer than readiness takes to fail, and well within the grace period', () => {
      const readiness = { ...PROBE_DEFAULTS, ...container.readinessProbe };
      const failsWithinMs = readiness.periodSeconds * readiness.failureThreshold * 1000;
      const graceMs = (pod.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
      const closingMs = env.DATABASE_STATEMENT_TIMEOUT_MS + CLOSE_ALLOWANCE_MS;
      const problems: string[] = [];
      if (env.SHUTDOWN_DRAIN_MS <= failsWithinMs) {
        problems.push(
          `SHUTDOWN_DRAIN_MS ${env.SHUTDOWN_DRAIN_MS} does not exceed readiness periodSeconds x failureThreshold (${failsWithinMs} ms)`,
        );
      }
      if (graceMs - env.SHUTDOWN_DRAIN_MS < closingMs) {
        problems.push(
          `terminationGracePeriodSeconds ${graceMs / 1000} leaves ${graceMs - env.SHUTDOWN_DRAIN_MS} ms after SHUTDOWN_DRAIN_MS ${env.SHUTDOWN_DRAIN_MS}, less than DATABASE_STATEMENT_TIMEOUT_MS + ${CLOSE_ALLOWANCE_MS} (${closingMs} ms)`,
        );
      }
      expect(problems).toEqual([]);
    });
  });

  it('asks Prometheus to scrape a path the app serves without a token, on a container port', async () => {
    expect(scrapeTargets.length).toBeGreaterThan(0);
    for (const { label, path, port, pod } of scrapeTargets) {
      const response = await request(app.getHttpServer()).get(path);
      expect({ label, status: response.status }).toEqual({ label, status: 200 });
      expect(response.text).toContain('# TYPE health_check_status gauge');
      const ports = pod.containers.flatMap((c) =>
        (c.ports ?? []).map((p) => String(p.containerPort)),
      );
      expect({ label, ports }).toEqual({ label, ports: expect.arrayContaining([port]) });
    }
  });

  describe('deploy/Dockerfile HEALTHCHECK', () => {
    const healthcheck = readHealthcheck(join(REPO_ROOT, 'deploy', 'Dockerfile'));
    const [runtime, script, ...argv] = healthcheck.command;
    const inRepo = posix.relative(healthcheck.workdir, posix.resolve(healthcheck.workdir, script));
    const parsed = parseProbeArguments(argv);
    const run = (probePort: number) => runCommand(runtime, [inRepo, ...argv], probePort);

    it("runs the library's probe command with node, on the liveness path", async () => {
      const { bin } = JSON.parse(readFileSync(join(LIBRARY_DIR, 'package.json'), 'utf8'));
      expect(runtime).toBe('node');
      expect(inRepo).not.toMatch(/^\.\./);
      expect(realpathSync(join(REPO_ROOT, inRepo))).toBe(
        realpathSync(join(LIBRARY_DIR, bin['nestjs-probes'])),
      );
      if (parsed.help) throw new Error('the HEALTHCHECK asks for --help');
      const livenessPaths = probes
        .filter((p) => p.field === 'livenessProbe')
        .map((p) => p.probe.httpGet?.path);
      expect(livenessPaths).toContain(parsed.target);
      expect((await request(app.getHttpServer()).get(parsed.target)).status).toBe(200);
    });

    it("gives Docker's --timeout more time than the command's own --timeout", () => {
      if (parsed.help) throw new Error('the HEALTHCHECK asks for --help');
      expect(durationMs(healthcheck.options.timeout ?? '30s')).toBeGreaterThan(parsed.timeoutMs);
    });

    it('exits 0 against the running app and 1 against a closed port', async () => {
      await expect(run(port)).resolves.toMatchObject({ code: 0 });
      await expect(run(await refusedPort())).resolves.toMatchObject({ code: 1 });
    });
  });
});

function runCommand(file: string, args: string[], port: number) {
  const env = { PATH: process.env.PATH, PORT: String(port) };
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
