import { type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { type HealthCheckOptions } from './health-check-options.interface';

/**
 * What every ready-made check's `register()` accepts besides its own options: the `@HealthCheck()`
 * options of the registration (every key of `HealthCheckOptions`), and the modules that export what
 * the check injects.
 *
 * @publicApi
 */
export interface ReadyMadeCheckOptions extends HealthCheckOptions {
  /**
   * Modules exporting the dependency the check injects (the app's ioredis client, say), when it is
   * not global.
   * @default []
   */
  imports?: ModuleMetadata['imports'];
}

/**
 * What every ready-made check's `registerAsync()` accepts. `useFactory` (sync or async, given the
 * `inject` tokens) returns the check's own options and may also return any `@HealthCheck()` option
 * (`name`, `critical`, `ttl`...): it runs while the application bootstraps, before the checks are
 * discovered. `@HealthCheck()` options may instead sit next to `useFactory`; a value the factory
 * returns wins over one given there. `imports` (and the injection token of the check's dependency,
 * where it has one) must sit next to `useFactory`, as they are needed before any factory runs.
 *
 * @example
 * ```ts
 * HttpHealthModule.registerAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ name: 'payments', url: config.get('PAYMENTS_URL') }),
 * })
 * ```
 * @publicApi
 */
export interface ReadyMadeCheckAsyncOptions<
  FactoryOptions extends object,
> extends ReadyMadeCheckOptions {
  /** The tokens whose values `useFactory` receives, in order. */
  inject?: FactoryProvider['inject'];
  /** Returns the options, or a promise of them; throwing or rejecting fails the bootstrap. */
  useFactory: (...args: any[]) => FactoryOptions | Promise<FactoryOptions>;
}
