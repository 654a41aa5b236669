import { createRequire } from 'node:module';
import type * as GrpcJs from '@grpc/grpc-js';
import { type GrpcProbeTarget } from './probe-arguments.util';
import {
  GRPC_PROBE_LABEL,
  PROBE_GRPC_ANSWERED,
  PROBE_GRPC_FAILED,
  PROBE_GRPC_TIMED_OUT,
  PROBE_GRPC_UNAVAILABLE,
} from './probe.messages';
import { describeCause, type ProbeOutcome } from './probe-request.util';

/** @internal The part of `@grpc/grpc-js` the probe uses. */
export type GrpcModule = Pick<typeof GrpcJs, 'Client' | 'credentials' | 'Metadata' | 'status'>;

const CHECK_PATH = '/grpc.health.v1.Health/Check';

/** @internal `HealthCheckResponse.ServingStatus`, by number. */
export const SERVING_STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/**
 * `@grpc/grpc-js` from the application's own dependencies, loaded only for `--grpc`: it is an
 * optional peer, and the HTTP probe must work without it.
 *
 * @internal
 */
export function loadGrpc(): GrpcModule {
  return createRequire(__filename)('@grpc/grpc-js') as GrpcModule;
}

/**
 * Sends one `grpc.health.v1.Health/Check` over plaintext, with a deadline of `timeoutMs`, and
 * fails fast on a refused connection (no wait-for-ready). Healthy on `SERVING` only. The two
 * messages are encoded by hand (one string field, one enum field), so neither a proto file nor
 * `@grpc/proto-loader` is needed. Never rejects.
 *
 * @internal
 */
export function requestGrpcProbe(
  target: GrpcProbeTarget,
  timeoutMs: number,
  load: () => GrpcModule = loadGrpc,
): Promise<ProbeOutcome> {
  const label = GRPC_PROBE_LABEL(target.address, target.service);
  let grpc: GrpcModule;
  try {
    grpc = load();
  } catch (error) {
    return Promise.resolve({ healthy: false, line: PROBE_GRPC_UNAVAILABLE(describeCause(error)) });
  }
  return new Promise((resolve) => {
    const failed = (code: string, details: string) =>
      resolve({ healthy: false, line: PROBE_GRPC_FAILED(label, code, firstLine(details)) });
    let client: GrpcJs.Client;
    try {
      client = new grpc.Client(target.address, grpc.credentials.createInsecure());
    } catch (error) {
      return failed('INVALID_ARGUMENT', describeCause(error));
    }
    const deadline = Date.now() + timeoutMs;
    client.makeUnaryRequest(
      CHECK_PATH,
      encodeHealthCheckRequest,
      decodeServingStatus,
      target.service,
      new grpc.Metadata(),
      { deadline },
      (error, status) => {
        client.close();
        if (error?.code === grpc.status.DEADLINE_EXCEEDED) {
          return resolve({ healthy: false, line: PROBE_GRPC_TIMED_OUT(label, timeoutMs) });
        }
        if (error) return failed(grpc.status[error.code] ?? String(error.code), error.details);
        const name = SERVING_STATUS_NAMES[status!] ?? String(status);
        resolve({ healthy: status === 1, line: PROBE_GRPC_ANSWERED(label, name) });
      },
    );
  });
}

/** `HealthCheckRequest { string service = 1; }`; proto3 leaves an empty string out. @internal */
export function encodeHealthCheckRequest(service: string): Buffer {
  const text = Buffer.from(service, 'utf8');
  if (text.length === 0) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from([0x0a]), encodeVarint(text.length), text]);
}

/**
 * The `status` (field 1, an enum) of a `HealthCheckResponse`: 0 (UNKNOWN) when absent, as proto3
 * says; other fields are skipped. Throws on a malformed message (grpc-js turns it into INTERNAL).
 *
 * @internal
 */
export function decodeServingStatus(bytes: Buffer): number {
  let status = 0;
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (offset >= bytes.length) throw new Error('truncated HealthCheckResponse');
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('malformed varint in HealthCheckResponse');
  };
  while (offset < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      const value = varint();
      if (field === 1) status = value;
    } else if (wireType === 2) {
      const length = varint();
      offset += length;
    } else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else throw new Error(`unexpected wire type ${wireType} in HealthCheckResponse`);
  }
  if (offset > bytes.length) throw new Error('truncated HealthCheckResponse');
  return status;
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0];
}
