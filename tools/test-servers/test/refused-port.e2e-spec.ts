import { connect, createServer } from 'node:net';
import { findFreePort, refusedPort } from '../src';

function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

describe('refusedPort', () => {
  it('answers a port where a connection is refused, outside every range a test or the kernel binds', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => refusedPort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(15_000);
      expect(await connectError(port)).toBe('ECONNREFUSED');
    }
  });

  it('passes over a port something listens on', async () => {
    const listeners: ReturnType<typeof createServer>[] = [];
    const random = jest.spyOn(Math, 'random');
    try {
      // The first candidate is taken, the second is not.
      const taken = 12_345;
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(taken, '127.0.0.1', resolve));
      listeners.push(server);
      random.mockReturnValueOnce((taken - 10_000) / 5_000).mockReturnValueOnce(0.6);
      expect(await refusedPort()).toBe(13_000);
    } finally {
      random.mockRestore();
      for (const server of listeners) server.close();
    }
  });

  it("keeps apart from findFreePort's server ports (and the fleet's replica ports, 15000-20000)", async () => {
    for (let i = 0; i < 20; i++) expect(await findFreePort()).toBeGreaterThanOrEqual(20_000);
  });
});
