import { getHeapStatistics } from 'node:v8';
import { MEMORY_HIGH } from '../health.messages';
import { degraded, down } from '../utils/health-status.util';
import { type ReadyMadeCheck } from '../utils/register-ready-made-check.util';
import { crossedThreshold, roundTenth } from './health-threshold.util';
import {
  type MemoryHealthDetails,
  type MemoryThreshold,
  type ResolvedMemoryHealthOptions,
} from './memory-health-options.interface';

/**
 * Compares the heap (against V8's limit) and the RSS of this process with the thresholds. It reads
 * in-process figures only, so it may take part in the liveness probe.
 *
 * @internal
 */
export class MemoryHealthCheck implements ReadyMadeCheck {
  constructor(private readonly options: ResolvedMemoryHealthOptions) {}

  check(): unknown {
    const details = measureMemory();
    const figures = {
      heapPercent: details.heapUsedPercent,
      heapBytes: details.heapUsedBytes,
      rssBytes: details.rssBytes,
    };
    const above = (threshold?: MemoryThreshold) => crossedThreshold(threshold, figures, 'above');
    const downCrossed = above(this.options.downAbove);
    if (downCrossed) {
      const { field, figure, limit } = downCrossed;
      return down(MEMORY_HIGH(field, figure, limit), { ...details });
    }
    const degradedCrossed = above(this.options.degradedAbove);
    if (degradedCrossed) {
      const { field, figure, limit } = degradedCrossed;
      return degraded(MEMORY_HIGH(field, figure, limit), { ...details });
    }
    return details;
  }
}

function measureMemory(): MemoryHealthDetails {
  const { used_heap_size: heapUsedBytes, heap_size_limit: heapLimitBytes } = getHeapStatistics();
  return {
    heapUsedBytes,
    heapLimitBytes,
    heapUsedPercent: roundTenth((heapUsedBytes / heapLimitBytes) * 100),
    // `rss()` alone: `memoryUsage()` would walk the heap spaces a second time.
    rssBytes: process.memoryUsage.rss(),
  };
}
