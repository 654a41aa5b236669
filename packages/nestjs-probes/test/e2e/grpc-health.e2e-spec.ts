import { status as grpcStatus } from '@grpc/grpc-js';
import { pollUntil } from '@internal/test-servers';
import { GRPC_HOSTS, type GrpcHost, type GrpcTestApp, startGrpcApp } from '../src/grpc-app.util';
import { GrpcHealthClient, type Serving } from '../src/grpc-health-client.util';
import { type CanActivate, type ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { HealthConfigurationError, isPublicHealthProbe } from 'nestjs-probes';
import { GrpcHealthModule } from 'nestjs-probes/grpc';
import { BackgroundGateHealth, SwitchableHealth } from '../src/switchable.health';
import { GRPC_EXPECTED } from '../../src/grpc/grpc-health.validation';
import {
  GRPC_WITHOUT_HEALTH_MODULE,
  INVALID_GRPC_OPTION,
  UNKNOWN_GRPC_SERVICE,
} from '../../src/grpc/grpc.messages';

const NAMES = ['', 'liveness', 'readiness', 'startup'];

describe.each(GRPC_HOSTS)('gRPC health service (%s)', (host: GrpcHost) => {
  jest.setTimeout(20_000);
  let server: GrpcTestApp;
  let client: GrpcHealthClient;
  let checks: SwitchableHealth;

  beforeEach(async () => {
    server = await startGrpcApp(host, { checks: SwitchableHealth, watchInterval: 100 });
    client = new GrpcHealthClient(server.address);
    checks = server.app.get(SwitchableHealth);
  });

  afterEach(async () => {
    client.close();
    await server.app.close();
  });

  it.each(NAMES)('Check %j answers SERVING while every check is up', async (name) => {
    await expect(client.check(name)).resolves.toBe('SERVING');
  });

  it('answers NOT_SERVING for readiness and "" when a critical check is down, liveness and startup SERVING', async () => {
    checks.gateUp = false;
    const answers = Object.fromEntries(
      await Promise.all(NAMES.map(async (name) => [name, await client.check(name)])),
    );
    expect(answers).toEqual({
      '': 'NOT_SERVING',
      liveness: 'SERVING',
      readiness: 'NOT_SERVING',
      startup: 'SERVING',
    });
  });

  it('runs the readiness checks like the HTTP probe: the on-probe check each time, the fresh one once', async () => {
    await client.check('readiness'); // the first result of each check
    expect(checks.freshRuns).toBe(1);
    const before = { gate: checks.gateRuns, fresh: checks.freshRuns };
    await client.check('readiness');
    await client.check('');
    expect(checks.gateRuns - before.gate).toBe(2);
    expect(checks.freshRuns - before.fresh).toBe(0);
  });

  it('answers NOT_FOUND, naming the known services, for an unknown name', async () => {
    const error = await client.checkError('payments');
    expect(error.code).toBe(grpcStatus.NOT_FOUND);
    expect(error.details).toBe(UNKNOWN_GRPC_SERVICE('payments', NAMES));
  });

  it('lists every name with its status', async () => {
    checks.gateUp = false;
    await expect(client.list()).resolves.toEqual({
      '': 'NOT_SERVING',
      liveness: 'SERVING',
      readiness: 'NOT_SERVING',
      startup: 'SERVING',
    });
  });

  it('Watch sends the current status at once, then each transition of a check, and nothing in between', async () => {
    const watch = client.watch('readiness');
    await pollUntil(() => watch.statuses.length === 1, {
      what: 'the first status',
      timeoutMs: 5_000,
    });
    expect(watch.statuses).toEqual(['SERVING']);
    checks.gateUp = false;
    await pollUntil(() => watch.statuses.length === 2, { what: 'NOT_SERVING', timeoutMs: 5_000 });
    // Several polls (every 100 ms) while it stays down send nothing more.
    const runs = checks.gateRuns;
    await pollUntil(() => checks.gateRuns >= runs + 3, { what: 'more polls', timeoutMs: 5_000 });
    checks.gateUp = true;
    await pollUntil(() => watch.statuses.length === 3, { what: 'SERVING again', timeoutMs: 5_000 });
    expect(watch.statuses).toEqual<Serving[]>(['SERVING', 'NOT_SERVING', 'SERVING']);
    watch.cancel();
    await watch.done;
  });

  it('Watch of an unknown name sends SERVICE_UNKNOWN and stays open until the client leaves', async () => {
    const watch = client.watch('payments');
    await pollUntil(() => watch.statuses.length === 1, {
      what: 'the first status',
      timeoutMs: 5_000,
    });
    expect(watch.statuses).toEqual(['SERVICE_UNKNOWN']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watch.ended).toBeUndefined();
    watch.cancel();
    await watch.done;
    expect(watch.ended?.code).toBe(grpcStatus.CANCELLED);
  });
});

describe.each(GRPC_HOSTS)('gRPC Watch of a background check (%s)', (host: GrpcHost) => {
  jest.setTimeout(20_000);

  it('sends the transition as the health events report it, without waiting for a poll', async () => {
    // An hour between polls: only the status-change events can deliver the transition.
    const server = await startGrpcApp(host, {
      checks: BackgroundGateHealth,
      watchInterval: 3_600_000,
    });
    const client = new GrpcHealthClient(server.address);
    try {
      const checks = server.app.get(BackgroundGateHealth);
      const watch = client.watch('');
      await pollUntil(() => watch.statuses.length === 1, {
        what: 'the first status',
        timeoutMs: 5_000,
      });
      checks.gateUp = false;
      await pollUntil(() => watch.statuses.length === 2, { what: 'NOT_SERVING', timeoutMs: 5_000 });
      checks.gateUp = true;
      await pollUntil(() => watch.statuses.length === 3, { what: 'SERVING', timeoutMs: 5_000 });
      expect(watch.statuses).toEqual<Serving[]>(['SERVING', 'NOT_SERVING', 'SERVING']);
    } finally {
      client.close();
      await server.app.close();
    }
  });
});

describe('GrpcHealthModule misconfigured', () => {
  async function bootstrapError(imports: unknown[]): Promise<unknown> {
    @Module({ imports: imports as never[] })
    class Misconfigured {}
    try {
      const moduleRef = await Test.createTestingModule({ imports: [Misconfigured] }).compile();
      await moduleRef.createNestApplication({ logger: false }).init();
    } catch (error) {
      return error;
    }
    throw new Error('expected the bootstrap to fail');
  }

  it('fails the bootstrap without HealthModule, saying what to import', async () => {
    const error = await bootstrapError([GrpcHealthModule.register()]);
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(GRPC_WITHOUT_HEALTH_MODULE);
  });

  it('fails the bootstrap on a bad watchInterval, naming the option', async () => {
    const error = await bootstrapError([GrpcHealthModule.register({ watchInterval: 10 })]);
    expect(error).toBeInstanceOf(HealthConfigurationError);
    expect((error as Error).message).toBe(
      INVALID_GRPC_OPTION('watchInterval', GRPC_EXPECTED.watchInterval, 10),
    );
  });
});

/** An app's global guard that lets nothing through but the public health probes. */
@Injectable()
class DenyAllButProbesGuard implements CanActivate {
  readonly seen: string[] = [];

  canActivate(context: ExecutionContext): boolean {
    this.seen.push(context.getHandler().name);
    return isPublicHealthProbe(context);
  }
}

describe('gRPC health behind a global guard (microservice)', () => {
  it('lets Check, Watch and List through a guard that trusts isPublicHealthProbe()', async () => {
    const server = await startGrpcApp('microservice', {
      checks: SwitchableHealth,
      providers: [
        DenyAllButProbesGuard,
        { provide: APP_GUARD, useExisting: DenyAllButProbesGuard },
      ],
    });
    const client = new GrpcHealthClient(server.address);
    try {
      await expect(client.check('')).resolves.toBe('SERVING');
      await expect(client.list()).resolves.toMatchObject({ liveness: 'SERVING' });
      const watch = client.watch('liveness');
      await pollUntil(() => watch.statuses.length === 1, { what: 'a status', timeoutMs: 5_000 });
      watch.cancel();
      await watch.done;
      // The guard did run: the handlers passed because they are marked as public probes.
      expect(server.app.get(DenyAllButProbesGuard).seen.sort()).toEqual(['check', 'list', 'watch']);
    } finally {
      client.close();
      await server.app.close();
    }
  });
});
