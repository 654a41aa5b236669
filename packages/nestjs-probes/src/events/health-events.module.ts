import { Global, Module } from '@nestjs/common';
import { HealthEvents } from './health-events';

/**
 * Makes `HealthEvents` injectable anywhere (an app's pager, the metrics modules) while
 * `HealthModule` itself stays an ordinary module: a global HealthModule would run its lifecycle
 * hooks before the app's own modules, and open the startup probe before bootstrap has ended.
 *
 * @internal
 */
@Global()
@Module({ providers: [HealthEvents], exports: [HealthEvents] })
export class HealthEventsModule {}
