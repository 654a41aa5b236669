import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthCheck } from 'nestjs-probes';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Stands for the work a service does once before it can serve (loading templates, priming a cache).
 * The startup probe stays 503 until it has finished.
 */
@Injectable()
export class WarmupService implements OnApplicationBootstrap {
  private readonly templates = new Map<string, string>();
  private done = false;

  onApplicationBootstrap(): void {
    void this.warmUp();
  }

  template(language: string): string | undefined {
    return this.templates.get(language);
  }

  @HealthCheck({ name: 'warmup', probe: 'startup', ttl: 0, timeout: 500 })
  warmedUp() {
    if (!this.done) throw new Error('templates are still loading');
    return { templates: this.templates.size };
  }

  private async warmUp(): Promise<void> {
    await sleep(Number(process.env.WARMUP_MS ?? 300));
    this.templates.set('en', 'Hello, {name}!');
    this.templates.set('fr', 'Bonjour, {name} !');
    this.done = true;
  }
}
