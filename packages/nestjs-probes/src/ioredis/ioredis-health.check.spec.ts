import { type Redis } from 'ioredis';
import { IOREDIS_NOT_READY } from './ioredis.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { IoRedisHealthCheck } from './ioredis-health.check';

function fakeClient(status: string, ping = jest.fn(async () => 'PONG')) {
  return {
    status,
    ping,
    info: jest.fn(async (section: string) =>
      section === 'memory' ? 'used_memory:100\r\nmaxmemory:0' : 'role:master',
    ),
  } as unknown as Redis & { ping: jest.Mock; info: jest.Mock };
}

describe('IoRedisHealthCheck', () => {
  it.each(['wait', 'connecting', 'connect', 'reconnecting', 'close', 'end'])(
    'is down at once, sending nothing, while the client is "%s"',
    async (status) => {
      const client = fakeClient(status);
      const check = new IoRedisHealthCheck({ info: true }, client);
      expect(interpretCheckValue(await check.check())).toEqual({
        status: 'down',
        error: IOREDIS_NOT_READY(status),
      });
      expect(client.ping).not.toHaveBeenCalled();
    },
  );

  it('pings a ready client, with INFO figures', async () => {
    const client = fakeClient('ready');
    const check = new IoRedisHealthCheck({ info: true }, client);
    expect(interpretCheckValue(await check.check())).toEqual({
      status: 'up',
      details: {
        latencyMs: expect.any(Number),
        role: 'master',
        usedMemoryBytes: 100,
        maxMemoryBytes: 0,
      },
    });
  });

  it('sends no second PING while the first is unanswered (a frozen server)', async () => {
    const client = fakeClient(
      'ready',
      jest.fn(() => new Promise<string>(() => undefined)),
    );
    const check = new IoRedisHealthCheck({ info: false }, client);
    void check.check().catch(() => undefined);
    await expect(check.check()).rejects.toThrow(/^no answer to the previous PING/);
    expect(client.ping).toHaveBeenCalledTimes(1);
  });

  it('pings a Cluster once and counts its nodes', async () => {
    const cluster = {
      isCluster: true,
      status: 'ready',
      ping: jest.fn(async () => 'PONG'),
      nodes: () => [{}, {}, {}],
    } as unknown as Redis;
    const check = new IoRedisHealthCheck({ info: true }, cluster);
    expect(interpretCheckValue(await check.check()).details).toEqual({
      latencyMs: expect.any(Number),
      nodes: 3,
    });
  });
});
