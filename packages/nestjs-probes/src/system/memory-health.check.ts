import { getHeapStatistics } from 'node:v8';
import { type ReadyMadeCheck } from '../ready-made/ready-made-check.registrar';
import { roundToTenth } from '../utils/round-to-tenth.util';
import { thresholdVerdict } from './threshold-verdict';
import {
  type MemoryHealthDetails,
  type ResolvedMemoryHealthOptions,
} from './memory-health-options.interface';
import { MEMORY_HIGH } from './system.messages';

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
    return thresholdVerdict({
      details,
      figures: {
        heapPercent: details.heapUsedPercent,
        heapBytes: details.heapUsedBytes,
        rssBytes: details.rssBytes,
      },
      direction: 'above',
      down: this.options.downAbove,
      degraded: this.options.degradedAbove,
      reason: MEMORY_HIGH,
    });
  }
}

function measureMemory(): MemoryHealthDetails {
  const { used_heap_size: heapUsedBytes, heap_size_limit: heapLimitBytes } = getHeapStatistics();
  return {
    heapUsedBytes,
    heapLimitBytes,
    heapUsedPercent: roundToTenth((heapUsedBytes / heapLimitBytes) * 100),
    // `rss()` alone: `memoryUsage()` would walk the heap spaces a second time.
    rssBytes: process.memoryUsage.rss(),
  };
}
