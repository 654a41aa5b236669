import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import {
  GRPC_PROBE_LABEL,
  PROBE_GRPC_FAILED,
  PROBE_GRPC_TIMED_OUT,
  PROBE_GRPC_UNAVAILABLE,
} from './probe.messages';
import {
  decodeServingStatus,
  encodeHealthCheckRequest,
  requestGrpcProbe,
} from './probe-grpc-request.util';

describe('encodeHealthCheckRequest', () => {
  it('leaves the empty service out, as proto3 does', () => {
    expect(encodeHealthCheckRequest('')).toEqual(Buffer.alloc(0));
  });

  it('writes field 1 as a length-delimited UTF-8 string', () => {
    expect(encodeHealthCheckRequest('liveness')).toEqual(
      Buffer.concat([Buffer.from([0x0a, 8]), Buffer.from('liveness')]),
    );
    const long = 'é'.repeat(100); // 200 bytes: a two-byte varint length
    expect(encodeHealthCheckRequest(long).subarray(0, 3)).toEqual(Buffer.from([0x0a, 0xc8, 0x01]));
  });
});

describe('decodeServingStatus', () => {
  it.each([
    [[], 0],
    [[0x08, 0x01], 1],
    [[0x08, 0x02], 2],
    [[0x08, 0x03], 3],
  ])('reads %j as %i', (bytes, status) => {
    expect(decodeServingStatus(Buffer.from(bytes))).toBe(status);
  });

  it('skips fields it does not know, of every wire type', () => {
    const bytes = [0x12, 2, 0x61, 0x62, 0x19, ...Array(8).fill(0), 0x25, 0, 0, 0, 0, 0x20, 0x05];
    expect(decodeServingStatus(Buffer.from([...bytes, 0x08, 0x01]))).toBe(1);
  });

  it.each([[[0x08]], [[0x08, 0x80]], [[0x12, 5, 0x61]], [[0x0b]]])(
    'throws on the malformed message %j',
    (bytes) => {
      expect(() => decodeServingStatus(Buffer.from(bytes))).toThrow();
    },
  );
});

describe('requestGrpcProbe', () => {
  const target = { address: '127.0.0.1:1', service: 'readiness' };
  const label = GRPC_PROBE_LABEL(target.address, target.service);

  it('fails with one line naming the missing package when @grpc/grpc-js cannot be loaded', async () => {
    const load = () => {
      throw Object.assign(new Error("Cannot find module '@grpc/grpc-js'"), {
        code: 'MODULE_NOT_FOUND',
      });
    };
    await expect(requestGrpcProbe(target, 500, load)).resolves.toEqual({
      healthy: false,
      line: PROBE_GRPC_UNAVAILABLE("MODULE_NOT_FOUND: Cannot find module '@grpc/grpc-js'"),
    });
  });

  describe('against a TCP server', () => {
    let server: Server;
    let address: string;
    const sockets = new Set<Socket>();

    beforeEach(async () => {
      // Accepts and says nothing: no HTTP/2 settings ever come.
      server = createServer((socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }).listen(0, '127.0.0.1');
      await once(server, 'listening');
      address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    });

    it('times out at the deadline when the server never answers', async () => {
      const silent = { address, service: '' };
      const startedAt = performance.now();
      const outcome = await requestGrpcProbe(silent, 300);
      expect(outcome).toEqual({
        healthy: false,
        line: PROBE_GRPC_TIMED_OUT(GRPC_PROBE_LABEL(address, ''), 300),
      });
      expect(performance.now() - startedAt).toBeLessThan(5_000);
    });

    it('fails with UNAVAILABLE once nothing listens', async () => {
      server.close();
      await once(server, 'close');
      server.listen(0, '127.0.0.1'); // for afterEach; the probe targets the old port
      await once(server, 'listening');
      const outcome = await requestGrpcProbe({ address, service: 'readiness' }, 2_000);
      expect(outcome.healthy).toBe(false);
      expect(outcome.line).toMatch(
        new RegExp(
          `^${escape(PROBE_GRPC_FAILED(GRPC_PROBE_LABEL(address, 'readiness'), 'UNAVAILABLE', ''))}`,
        ),
      );
    });
  });

  it('names the address it probed, never more', () => {
    expect(label).toBe('gRPC Check "readiness" at 127.0.0.1:1');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
