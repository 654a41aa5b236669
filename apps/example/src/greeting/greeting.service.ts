import { Injectable, NotFoundException } from '@nestjs/common';
import { HealthCheck, degraded } from 'nestjs-probes';
import { WarmupService } from '../warmup/warmup.service';

@Injectable()
export class GreetingService {
  private served = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly warmup: WarmupService) {}

  greet(name: string, language = 'en'): { message: string } {
    const template = this.warmup.template(language);
    if (!template) throw new NotFoundException(`No greeting in language "${language}"`);
    this.served++;
    return { message: template.replace('{name}', name) };
  }

  /** Readiness: the service can answer only once its templates are loaded. */
  @HealthCheck({ name: 'greetings' })
  templatesLoaded() {
    if (!this.warmup.template('en')) throw new Error('greeting templates not loaded');
    return { served: this.served };
  }

  /** Liveness: in-process only. An event loop this late means the process is wedged. */
  @HealthCheck({ name: 'event-loop', probe: 'liveness', ttl: 1000, timeout: 200 })
  async eventLoop() {
    const scheduled = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    const lagMs = Math.round(performance.now() - scheduled);
    if (lagMs > 100) return degraded('event loop lagging', { lagMs });
    return { lagMs, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }
}
