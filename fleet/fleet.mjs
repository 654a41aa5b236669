#!/usr/bin/env node
/**
 * The fleet simulation (issue 14): does a database fault restart replicas or empty the load
 * balancer? OUR module (database check in readiness) side by side with a CONTROL (the NestJS
 * Terminus recipe's database ping behind every probe), N replicas each, one throwaway PostgreSQL,
 * a kubelet simulation per pod and a load balancer per side. See fleet/README.md.
 *
 *   npm run fleet                      # full scale (about 8 minutes), writes docs/fleet.md
 *   npm run fleet -- --short           # time scaled by 0.25, CI's scenarios (under 3 minutes)
 *   node fleet/fleet.mjs --short --replicas 3 --scale 0.3 --out /tmp/f.json --no-docs
 *
 * Loopback only; kills only what it started (the replica process groups and its PostgreSQL), on
 * any exit. Exit code 1 when a check missed (fleet/report/fleet.assertions.mjs), 2 past the
 * watchdog, 130 on Ctrl-C. The last line is the summary:
 *   fleet: ours restarts=<n> failed=<n> outOfRotationS=<s>; control restarts=<n> failed=<n> outOfRotationS=<s>
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceProxy } from './balancer/service.proxy.mjs';
import { ReplicaSet } from './kubelet/replica-set.mjs';
import { writeFleetDocs } from './report/docs.writer.mjs';
import { checkFleet } from './report/fleet.assertions.mjs';
import { resultsTable, summaryLine } from './report/fleet.report.mjs';
import { runMeta } from './report/run.meta.mjs';
import { runScenario, waitFor } from './scenarios/scenario.runner.mjs';
import { ROOT, fleetSettings } from './settings.config.mjs';
import { realClock as clock } from './support/clock.mjs';
import { exitOnSignals, startWatchdog } from './support/process.guards.mjs';
import { loadTestServers } from './support/throwaway-servers.loader.mjs';
import { UserTraffic } from './traffic/user.traffic.mjs';

const REPLICA_MAIN = path.join(ROOT, 'fleet/replica/replica.main.mjs');
const RESULT_FILES = ['fleet/results/full.json', 'fleet/results/short.json'];

function parseArgs(argv) {
  const args = { short: false, replicas: 5, scale: undefined, out: undefined, docs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--short') args.short = true;
    else if (a === '--replicas') args.replicas = Number(argv[++i]);
    else if (a === '--scale') args.scale = Number(argv[++i]);
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--docs') args.docs = true;
    else if (a === '--no-docs') args.docs = false;
    else throw new Error(`fleet: unknown argument ${a}`);
  }
  if (!Number.isInteger(args.replicas) || args.replicas < 1)
    throw new Error('fleet: --replicas must be a positive integer');
  args.scale ??= args.short ? 0.25 : 1;
  if (!(args.scale > 0 && args.scale <= 1)) throw new Error('fleet: --scale must be in (0, 1]');
  args.out ??= path.join(ROOT, args.short ? RESULT_FILES[1] : RESULT_FILES[0]);
  args.docs ??= !args.short;
  return args;
}

const log = (line) => console.log(line);

// Below the test servers' ports (20000-32000), the refused ports the tests use (10000-15000) and
// Linux's ephemeral range (32768-60999): a replica restarts on its own port, and while it is down no
// other process's listener or outgoing connection can be handed that port by the kernel.
const REPLICA_PORTS = { from: 15_000, to: 20_000 };

async function freePorts(count, isPortFree) {
  const ports = new Set();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt >= count * 50)
      throw new Error(`fleet: no ${count} free ports in ${REPLICA_PORTS.from}-${REPLICA_PORTS.to}`);
    const port =
      REPLICA_PORTS.from + Math.floor(Math.random() * (REPLICA_PORTS.to - REPLICA_PORTS.from));
    if (!ports.has(port) && (await isPortFree(port))) ports.add(port);
  }
  return [...ports];
}

async function main() {
  const startedAt = clock.now();
  const args = parseArgs(process.argv.slice(2));
  const settings = fleetSettings(args);
  const stopWatchdog = startWatchdog(settings.watchdogMs);
  exitOnSignals();
  const command = `npm run fleet${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

  const { ThrowawayPostgres, isPortFree } = loadTestServers();
  const pg = await ThrowawayPostgres.start();
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
  // Removed on any exit (Ctrl-C too), except when the run failed: then they are what to read.
  let keepLogs = false;
  process.on('exit', () => {
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  });
  const events = [];
  const sides = [];
  let results = [];
  let ok = false;
  try {
    const serverVersion = await pgVersion(pg);
    const meta = runMeta(command, serverVersion);
    log(
      `fleet: ${settings.replicas} replicas per side, scale ${settings.scale}, ${serverVersion}, Node ${meta.node}; replica logs in ${logDir}`,
    );

    const ports = await freePorts(settings.replicas * 2, isPortFree);
    for (const [i, name] of ['ours', 'control'].entries()) {
      const replicaSet = new ReplicaSet({
        side: name,
        ports: ports.slice(i * settings.replicas, (i + 1) * settings.replicas),
        command: REPLICA_MAIN,
        env: { ...settings.replicaEnv, FLEET_DATABASE_URL: pg.url },
        probes: settings.probes,
        graceMs: settings.graceMs,
        backoff: settings.backoff,
        logDir,
        clock,
        events,
      });
      const balancer = new ServiceProxy({ replicaSet });
      const requests = [];
      const traffic = new UserTraffic({
        port: await balancer.listen(),
        clock,
        requests,
        timeoutMs: settings.userTimeoutMs,
      });
      sides.push({ name, replicaSet, balancer, traffic, requests });
    }
    for (const side of sides) side.replicaSet.start();
    const booted = await waitFor(
      () => sides.every((s) => s.replicaSet.allInRotation()),
      settings.bootBoundMs,
      clock,
    );
    if (!booted)
      throw new Error(
        `fleet: not every replica was in rotation within ${settings.bootBoundMs / 1000} s of the start (logs: ${logDir})`,
      );
    log(
      `fleet: all ${settings.replicas * 2} replicas in rotation after ${((clock.now() - startedAt) / 1000).toFixed(1)} s`,
    );

    const ctx = { pg, sides, settings, clock, events, log };
    for (const scenario of settings.scenarios) {
      const result = await runScenario(ctx, scenario);
      results.push(result);
      for (const side of ['ours', 'control']) {
        const f = result.sides[side];
        log(
          `  [${scenario.id}] ${side}: restarts=${f.restarts} outOfRotationS=${f.outOfRotationS} failed=${f.failed}/${f.requests} recoveryToFullRotationS=${f.recoveryToFullRotationS}`,
        );
      }
    }

    const misses = checkFleet(results, settings);
    meta.elapsedS = Math.round((clock.now() - startedAt) / 1000);
    writeJson(args.out, { meta, settings, results, misses, events: compactEvents(events) });
    if (args.docs) {
      writeFleetDocs(ROOT, RESULT_FILES, path.join(ROOT, 'docs/fleet.md'));
      log('fleet: written docs/fleet.md');
    }
    log('');
    log(resultsTable(results));
    log('');
    for (const miss of misses) log(`fleet: MISSED ${miss}`);
    if (misses.length === 0) log('fleet: every check met');
    log(`fleet: finished in ${meta.elapsedS} s`);
    process.exitCode = misses.length === 0 ? 0 : 1;
    ok = true;
  } finally {
    for (const side of sides) side.traffic.destroy();
    await Promise.all(sides.map((side) => side.balancer.close()));
    await Promise.all(sides.map((side) => side.replicaSet.stop(2_000)));
    await pg.destroy();
    stopWatchdog();
    if (!ok) {
      keepLogs = true;
      console.error(`fleet: replica logs kept in ${logDir}`);
    }
  }
  // The pinned last line, summed over the scenarios.
  log(summaryLine(results));
}

async function pgVersion(pg) {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: pg.url });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version');
    return `PostgreSQL ${rows[0].server_version}`;
  } finally {
    await client.end();
  }
}

function writeJson(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
  log(`fleet: written ${path.relative(ROOT, file)}`);
}

/** Events with times in seconds since the first, without the per-probe noise. */
function compactEvents(events) {
  const t0 = events[0]?.t ?? 0;
  return events.map((e) => ({ ...e, t: Math.round(e.t - t0) / 1000 }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
