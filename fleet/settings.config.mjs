import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST = 'deploy/kubernetes/deployment.yaml';

/** The throwaway PostgreSQL's `max_connections` (tools/test-servers/src/throwaway-postgres.ts). */
const SERVER_CONNECTIONS = 50;

/** Full-scale durations in seconds; `--short` multiplies every one of them by `scale`. */
const FULL = {
  // The deployment sets 10 per replica; 2 sides x 5 replicas x (pool + the check's side connection)
  // must fit the throwaway server's 50 connections.
  poolSize: 3,
  // The app waits this long for a pooled connection: longer than the worst queue the saturation
  // traffic builds (2 x pool requests per replica, each holding a connection `sleepS`).
  poolWaitS: 5,
  statementTimeoutS: 5, // libs/database DATABASE_STATEMENT_TIMEOUT_MS default
  retryAttempts: 5, // libs/database DATABASE_RETRY_ATTEMPTS default
  retryDelayS: 1,
  checkTimeoutS: 1, // libs/database: TypeOrmHealthModule.register({ timeout: 1_000 })
  degradedAboveS: 0.25, // libs/database: degradedAboveMs 250
  terminusPingTimeoutS: 1, // @nestjs/terminus pingCheck default
  backoffInitialS: 10, // kubelet CrashLoopBackOff
  backoffMaxS: 300,
  readsPerSecond: 20, // per side, real time (not scaled)
  userTimeoutS: 10, // how long a user waits for an answer
  saturation: { seconds: 30, sleepS: 1.5, workersPerConnection: 2 },
  slow: { seconds: 30, freezeS: 3, thawS: 1.5 },
  blipS: 10,
  recoveryBoundS: 120,
};

const sec = (ms) => Math.round(ms / 100) / 10;

/** The three probes and the app settings of the Deployment, read from the manifest itself. */
export function readManifest(root = ROOT) {
  const doc = YAML.parse(readFileSync(path.join(root, MANIFEST), 'utf8'));
  const pod = doc.spec.template.spec;
  const container = pod.containers[0];
  const env = Object.fromEntries(
    container.env.filter((e) => e.value !== undefined).map((e) => [e.name, Number(e.value)]),
  );
  const probe = (p) => ({
    path: p.httpGet.path,
    periodSeconds: p.periodSeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
    successThreshold: p.successThreshold ?? 1,
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
  });
  return {
    probes: {
      startup: probe(container.startupProbe),
      liveness: probe(container.livenessProbe),
      readiness: probe(container.readinessProbe),
    },
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds ?? 30,
    healthTtlMs: env.HEALTH_TTL_MS,
    probeTimeoutMs: env.PROBE_TIMEOUT_MS,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
  };
}

/** Everything a run uses, in ms, scaled; `short` picks the CI scenarios. */
export function fleetSettings({ short, scale, replicas }) {
  const manifest = readManifest();
  const ms = (seconds) => Math.round(seconds * 1000 * scale);
  const toSpec = (p, pathOverride) => ({
    path: pathOverride ?? p.path,
    periodMs: ms(p.periodSeconds),
    timeoutMs: ms(p.timeoutSeconds),
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
    initialDelayMs: ms(p.initialDelaySeconds),
  });
  const { startup, liveness, readiness } = manifest.probes;
  const connections = replicas * 2 * (FULL.poolSize + 1) + 2;
  if (connections > SERVER_CONNECTIONS) {
    throw new Error(
      `fleet: ${replicas} replicas per side need ${connections} PostgreSQL connections; ` +
        `the throwaway server allows ${SERVER_CONNECTIONS}: use --replicas ${Math.floor((SERVER_CONNECTIONS - 2) / (2 * (FULL.poolSize + 1)))} or fewer`,
    );
  }
  // A database outage that outlasts the liveness window (periodSeconds x failureThreshold), by one
  // readiness period: shorter outages cannot restart a liveness-checked replica (fleet/README.md).
  const outageS = liveness.periodSeconds * liveness.failureThreshold + readiness.periodSeconds;
  const ttlMs = Math.round(manifest.healthTtlMs * scale);
  const scenarios = [
    ...(short
      ? []
      : [
          {
            id: 'db-blip',
            kind: 'db-stopped',
            downMs: ms(FULL.blipS),
            title: `database stopped ${sec(ms(FULL.blipS))} s`,
          },
        ]),
    {
      id: 'db-outage',
      kind: 'db-stopped',
      downMs: ms(outageS),
      title: `database stopped ${sec(ms(outageS))} s`,
    },
    {
      id: 'pool-saturation',
      kind: 'pool-saturated',
      durationMs: ms(FULL.saturation.seconds),
      sleepMs: ms(FULL.saturation.sleepS),
      workersPerReplica: FULL.poolSize * FULL.saturation.workersPerConnection,
      title: `pool saturated ${sec(ms(FULL.saturation.seconds))} s by pg_sleep(${sec(ms(FULL.saturation.sleepS))} s)`,
    },
    {
      id: 'slow-database',
      kind: 'db-frozen',
      durationMs: ms(FULL.slow.seconds),
      freezeMs: ms(FULL.slow.freezeS),
      thawMs: ms(FULL.slow.thawS),
      title: `database frozen ${sec(ms(FULL.slow.freezeS))} s of every ${sec(ms(FULL.slow.freezeS + FULL.slow.thawS))} s for ${sec(ms(FULL.slow.seconds))} s`,
    },
  ];
  return {
    short,
    scale,
    replicas,
    manifest,
    probes: {
      ours: {
        startup: toSpec(startup),
        liveness: toSpec(liveness),
        readiness: toSpec(readiness),
      },
      // The tutorial's single endpoint behind every probe, with the same timings.
      control: {
        startup: toSpec(startup, '/health'),
        liveness: toSpec(liveness, '/health'),
        readiness: toSpec(readiness, '/health'),
      },
    },
    graceMs: ms(manifest.terminationGracePeriodSeconds),
    backoff: { initialMs: ms(FULL.backoffInitialS), maxMs: ms(FULL.backoffMaxS) },
    replicaEnv: {
      FLEET_POOL_SIZE: String(FULL.poolSize),
      FLEET_POOL_WAIT_MS: String(ms(FULL.poolWaitS)),
      FLEET_STATEMENT_TIMEOUT_MS: String(ms(FULL.statementTimeoutS)),
      FLEET_RETRY_ATTEMPTS: String(FULL.retryAttempts),
      FLEET_RETRY_DELAY_MS: String(ms(FULL.retryDelayS)),
      FLEET_HEALTH_TTL_MS: String(ttlMs),
      FLEET_CHECK_TIMEOUT_MS: String(ms(FULL.checkTimeoutS)),
      FLEET_PROBE_TIMEOUT_MS: String(Math.round(manifest.probeTimeoutMs * scale)),
      FLEET_DRAIN_MS: String(Math.round(manifest.shutdownDrainMs * scale)),
      FLEET_DEGRADED_ABOVE_MS: String(ms(FULL.degradedAboveS)),
      ...(scale === 1 ? {} : { FLEET_PING_TIMEOUT_MS: String(ms(FULL.terminusPingTimeoutS)) }),
    },
    readsPerSecond: FULL.readsPerSecond,
    userTimeoutMs: ms(FULL.userTimeoutS),
    poolSize: FULL.poolSize,
    scenarios,
    leadMs: ms(readiness.periodSeconds * 2),
    tailMs: ms(readiness.periodSeconds),
    // How long a side may take to come back after a fault, and before the next scenario starts.
    // Short runs cut both (a control in CrashLoopBackOff can take longer), to stay under 3 minutes.
    recoveryBoundMs: short ? Math.min(ms(FULL.recoveryBoundS), 15_000) : ms(FULL.recoveryBoundS),
    settleBoundMs: short ? 5_000 : ms(FULL.recoveryBoundS),
    bootBoundMs: Math.max(ms(startup.periodSeconds * startup.failureThreshold), 60_000),
    // What the issue asks of OUR side: back in rotation within periodSeconds x successThreshold +
    // ttl of the recovery, plus the probe's own timeoutSeconds (the answer of the probe in flight).
    oursReturnBoundMs:
      ms(readiness.periodSeconds * readiness.successThreshold) +
      ttlMs +
      ms(readiness.timeoutSeconds),
    watchdogMs: short ? 175_000 : 30 * 60_000,
  };
}
