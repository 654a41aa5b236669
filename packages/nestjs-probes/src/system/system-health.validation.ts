/** @internal Expected-value texts of the system checks' own options, beyond their thresholds. */
export const SYSTEM_EXPECTED = {
  diskPath: 'a non-empty string',
  // Not a threshold but a sampling interval Node wants whole (`monitorEventLoopDelay`'s resolution).
  resolution: 'a whole number of milliseconds >= 1',
} as const;
