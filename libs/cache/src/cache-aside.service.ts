import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from './cache.constants';

/** Where a read was answered from. `bypass`: Redis is absent or failing, the loader answered. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export interface CachedRead<T> {
  value: T;
  cache: CacheOutcome;
}

/**
 * Cache-aside over Redis that degrades instead of failing: any Redis error (down, frozen, evicted
 * key) turns into a read from the source of truth. That is why the cache check is non-critical.
 */
@Injectable()
export class CacheAside {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  async read<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<CachedRead<T>> {
    const cached = await this.get(key);
    const hit = typeof cached === 'string' ? parseCached<T>(cached) : undefined;
    if (hit) return { value: hit.value, cache: 'hit' };
    const value = await load();
    if (cached === undefined) return { value, cache: 'bypass' };
    if (value !== null && value !== undefined) {
      this.redis?.set(key, JSON.stringify(value), 'EX', ttlSeconds).catch(() => {});
    }
    return { value, cache: 'miss' };
  }

  /** Best effort: a failed eviction expires with the key's ttl. */
  async evict(key: string): Promise<void> {
    await this.redis?.del(key).catch(() => {});
  }

  /** The cached text, `null` on a miss, `undefined` when Redis could not answer. */
  private async get(key: string): Promise<string | null | undefined> {
    if (!this.redis || this.redis.status !== 'ready') return undefined;
    return this.redis.get(key).catch(() => undefined);
  }
}

/** A cached entry that is not JSON (written by something else) is a miss, to be overwritten. */
function parseCached<T>(text: string): { value: T } | undefined {
  try {
    return { value: JSON.parse(text) as T };
  } catch {
    return undefined;
  }
}
