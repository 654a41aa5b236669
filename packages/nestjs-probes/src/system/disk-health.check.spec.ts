import fs from 'node:fs/promises';
import { DISK_SPACE_LOW, DISK_UNREADABLE } from './system.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { DiskHealthCheck } from './disk-health.check';
import { type ResolvedDiskHealthOptions } from './disk-health-options.interface';

const MiB = 1024 * 1024;

/** A file system of 1000 blocks of 1 MiB, `free` of them available. */
function mockStatfs(free: number, blocks = 1000) {
  return jest
    .spyOn(fs, 'statfs')
    .mockResolvedValue({ bsize: MiB, blocks, bavail: free, bfree: free + 5 } as never);
}

function run(options: Partial<ResolvedDiskHealthOptions>) {
  const check = new DiskHealthCheck({ path: '/data', downBelow: { bytes: 10 * MiB }, ...options });
  return check.check().then(interpretCheckValue);
}

describe('DiskHealthCheck', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('is up with free bytes (bavail, not bfree), total bytes and free percent', async () => {
    const statfs = mockStatfs(333);
    expect(await run({})).toEqual({
      status: 'up',
      details: { freeBytes: 333 * MiB, totalBytes: 1000 * MiB, freePercent: 33.3 },
    });
    expect(statfs).toHaveBeenCalledWith('/data');
  });

  it('is down below a downBelow field, with the figures and no path', async () => {
    mockStatfs(9);
    expect(await run({})).toEqual({
      status: 'down',
      error: DISK_SPACE_LOW('bytes', 9 * MiB, 10 * MiB),
      details: { freeBytes: 9 * MiB, totalBytes: 1000 * MiB, freePercent: 0.9 },
    });
    mockStatfs(49);
    expect(await run({ downBelow: { bytes: 1, percent: 5 } })).toMatchObject({
      status: 'down',
      error: DISK_SPACE_LOW('percent', 4.9, 5),
    });
  });

  it('is degraded below degradedBelow but above downBelow', async () => {
    mockStatfs(150);
    expect(await run({ degradedBelow: { percent: 20 } })).toEqual({
      status: 'degraded',
      error: DISK_SPACE_LOW('percent', 15, 20),
      details: { freeBytes: 150 * MiB, totalBytes: 1000 * MiB, freePercent: 15 },
    });
  });

  it('prefers down when both thresholds are crossed', async () => {
    mockStatfs(5);
    expect((await run({ degradedBelow: { percent: 20 } })).status).toBe('down');
  });

  it('compares percentages as reported, to one decimal', async () => {
    mockStatfs(49_996, 1_000_000);
    expect(await run({ downBelow: { percent: 5 } })).toMatchObject({ status: 'up' });
  });

  it('reads a file system without blocks (procfs) as 0% free', async () => {
    mockStatfs(0, 0);
    expect(await run({ downBelow: { bytes: 1 } })).toMatchObject({
      status: 'down',
      details: { freeBytes: 0, totalBytes: 0, freePercent: 0 },
    });
  });

  it('throws the statfs error with its code but without the path', async () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, statfs '/data'"), {
      code: 'ENOENT',
    });
    jest.spyOn(fs, 'statfs').mockRejectedValue(enoent);
    await expect(run({})).rejects.toThrow(
      expect.objectContaining({
        code: 'ENOENT',
        message: DISK_UNREADABLE("ENOENT: no such file or directory, statfs '[path]'"),
      }),
    );
  });

  it('calls statfs no more than once at a time (a hung network mount)', async () => {
    const statfs = jest.spyOn(fs, 'statfs').mockReturnValue(new Promise(() => undefined));
    const check = new DiskHealthCheck({ path: '/data', downBelow: { bytes: 1 } });
    void check.check();
    await expect(check.check()).rejects.toThrow(/^no answer to the previous statfs/);
    expect(statfs).toHaveBeenCalledTimes(1);
  });
});
