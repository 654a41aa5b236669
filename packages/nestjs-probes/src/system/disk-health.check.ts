import { statfs } from 'node:fs/promises';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { SingleOutstandingCall } from '../utils/single-outstanding-call.util';
import {
  type DiskHealthDetails,
  type ResolvedDiskHealthOptions,
} from './disk-health-options.interface';
import { thresholdVerdict } from './threshold-verdict';
import { DISK_SPACE_LOW, DISK_UNREADABLE } from './system.messages';

/**
 * Reads free space with `statfs` and compares it with the thresholds. A path that cannot be read
 * (ENOENT, EACCES) is down with the error's code; a `statfs` that hangs (a dead network mount) is
 * not called again until it returns, so probes never tie up more than one libuv thread with it.
 *
 * @internal
 */
export class DiskHealthCheck implements ReadyMadeCheck {
  private readonly outstanding = new SingleOutstandingCall('statfs');

  constructor(private readonly options: ResolvedDiskHealthOptions) {}

  async check(): Promise<unknown> {
    const details = await this.measure();
    return thresholdVerdict({
      details,
      figures: { bytes: details.freeBytes, percent: details.freePercent },
      direction: 'below',
      down: this.options.downBelow,
      degraded: this.options.degradedBelow,
      reason: DISK_SPACE_LOW,
    });
  }

  private async measure(): Promise<DiskHealthDetails> {
    const { path } = this.options;
    const stats = await this.outstanding.run(() =>
      statfs(path).catch((error: unknown) => Promise.reject(withoutPath(error, path))),
    );
    const freeBytes = stats.bavail * stats.bsize;
    const totalBytes = stats.blocks * stats.bsize;
    // A pseudo file system (procfs) reports no blocks at all.
    const freePercent = totalBytes > 0 ? roundToTenth((freeBytes / totalBytes) * 100) : 0;
    return { freeBytes, totalBytes, freePercent };
  }
}

/** The details never show the path, so neither does the error (`ENOENT: ..., statfs '[path]'`). */
function withoutPath(error: unknown, path: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const failure = new Error(DISK_UNREADABLE(message.split(`'${path}'`).join("'[path]'")));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') Object.assign(failure, { code });
  return failure;
}
