/**
 * The figures the check reports from `INFO memory` and `INFO replication`.
 *
 * @publicApi
 */
export interface RedisInfoFigures {
  role?: string;
  usedMemoryBytes?: number;
  maxMemoryBytes?: number;
  connectedReplicas?: number;
  masterLinkStatus?: string;
}

/**
 * Reads the few `INFO` fields worth showing from its `field:value` lines.
 *
 * @internal
 */
export function parseRedisInfo(text: string): RedisInfoFigures {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const figures: RedisInfoFigures = {};
  const number = (field: string): number | undefined => {
    const value = Number(fields.get(field));
    return fields.has(field) && Number.isFinite(value) ? value : undefined;
  };
  assign(figures, 'role', fields.get('role'));
  assign(figures, 'usedMemoryBytes', number('used_memory'));
  assign(figures, 'maxMemoryBytes', number('maxmemory'));
  assign(figures, 'connectedReplicas', number('connected_slaves'));
  assign(figures, 'masterLinkStatus', fields.get('master_link_status'));
  return figures;
}

function assign<K extends keyof RedisInfoFigures>(
  figures: RedisInfoFigures,
  key: K,
  value: RedisInfoFigures[K] | undefined,
): void {
  if (value !== undefined) figures[key] = value;
}
