import v8 from 'node:v8';
import { MEMORY_HIGH } from './system.messages';
import { interpretCheckValue } from '../results/check-value.interpreter';
import { MemoryHealthCheck } from './memory-health.check';
import { type ResolvedMemoryHealthOptions } from './memory-health-options.interface';

const MiB = 1024 * 1024;

function mockMemory({
  heap,
  limit = 1000 * MiB,
  rss,
}: {
  heap: number;
  limit?: number;
  rss: number;
}) {
  jest
    .spyOn(v8, 'getHeapStatistics')
    .mockReturnValue({ used_heap_size: heap, heap_size_limit: limit } as v8.HeapInfo);
  jest.spyOn(process.memoryUsage, 'rss').mockReturnValue(rss);
}

function run(options: Partial<ResolvedMemoryHealthOptions> = {}) {
  const check = new MemoryHealthCheck({ degradedAbove: { heapPercent: 90 }, ...options });
  return interpretCheckValue(check.check());
}

describe('MemoryHealthCheck', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('is up with heap used, heap limit, heap percent and RSS', () => {
    mockMemory({ heap: 123.4 * MiB, rss: 300 * MiB });
    expect(run()).toEqual({
      status: 'up',
      details: {
        heapUsedBytes: 123.4 * MiB,
        heapLimitBytes: 1000 * MiB,
        heapUsedPercent: 12.3,
        rssBytes: 300 * MiB,
      },
    });
  });

  it('is degraded above the heap percentage, with the figures', () => {
    mockMemory({ heap: 905 * MiB, rss: 950 * MiB });
    expect(run()).toEqual({
      status: 'degraded',
      error: MEMORY_HIGH('heapPercent', 90.5, 90),
      details: expect.objectContaining({ heapUsedPercent: 90.5 }),
    });
  });

  it('is down above a downAbove field, before looking at degradedAbove', () => {
    mockMemory({ heap: 950 * MiB, rss: 2048 * MiB });
    expect(run({ downAbove: { rssBytes: 1024 * MiB } })).toMatchObject({
      status: 'down',
      error: MEMORY_HIGH('rssBytes', 2048 * MiB, 1024 * MiB),
    });
  });

  it('compares heap bytes when asked to', () => {
    mockMemory({ heap: 200 * MiB, rss: 250 * MiB });
    expect(run({ degradedAbove: { heapBytes: 100 * MiB } })).toMatchObject({
      status: 'degraded',
      error: MEMORY_HIGH('heapBytes', 200 * MiB, 100 * MiB),
    });
    expect(run({ degradedAbove: { heapBytes: 200 * MiB } }).status).toBe('up');
  });
});
