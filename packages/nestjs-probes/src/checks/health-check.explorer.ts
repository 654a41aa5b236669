import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { type InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { HealthConfigurationError } from '../errors';
import { HealthStatusTracker } from '../events/health-status.tracker';
import { HealthCheckMetadataAccessor } from './health-check-metadata.accessor';
import { HealthCheckRegistry } from './health-check.registry';
import { HealthCheckRunner } from './health-check.runner';
import { HEALTH_RESOLVED_OPTIONS, LOGGER_CONTEXT } from '../health.constants';
import {
  CHECKS_DISCOVERED,
  NON_STATIC_PROVIDER,
  TIMEOUT_EXCEEDS_PROBE_TIMEOUT,
} from '../health.messages';
import { formatCheckTable } from './check-table';
import { resolveCheckDefinition } from '../options/check-options.resolver';
import { type ResolvedHealthOptions } from '../options/resolved-health-options.interface';

/**
 * Walks every provider and controller of the application once, at module init, and registers each
 * `@HealthCheck()` method it finds.
 *
 * @internal
 */
@Injectable()
export class HealthCheckExplorer implements OnModuleInit {
  private readonly logger = new Logger(LOGGER_CONTEXT);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: HealthCheckMetadataAccessor,
    private readonly registry: HealthCheckRegistry,
    private readonly tracker: HealthStatusTracker,
    @Inject(HEALTH_RESOLVED_OPTIONS) private readonly options: ResolvedHealthOptions,
  ) {}

  onModuleInit(): void {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    // An alias (`useExisting`) shares its target's instance: exploring it would register twice.
    for (const wrapper of wrappers) if (!wrapper.isAlias) this.explore(wrapper);
    const definitions = this.registry.getAll().map((runner) => runner.definition);
    this.logger.log(CHECKS_DISCOVERED(definitions.length, formatCheckTable(definitions)));
  }

  private explore(wrapper: InstanceWrapper): void {
    // Nest calls a transient tree static, yet each consumer gets its own instance: none to run (#2).
    const isStatic = wrapper.isDependencyTreeStatic() && !wrapper.isTransient;
    const prototype = isStatic ? prototypeOf(wrapper.instance) : wrapper.metatype?.prototype;
    if (!prototype) return;
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const raw = this.accessor.getOptions(prototype[methodName]);
      if (raw === undefined) continue;
      const className = classNameOf(prototype) ?? (wrapper.metatype?.name || String(wrapper.name));
      if (!isStatic) throw new HealthConfigurationError(NON_STATIC_PROVIDER(className, methodName));
      this.register(wrapper.instance, className, methodName, raw);
    }
  }

  private register(instance: any, className: string, methodName: string, raw: unknown): void {
    const invoke = (signal: AbortSignal): unknown => instance[methodName](signal);
    const definition = resolveCheckDefinition(
      raw,
      { className, methodName, invoke },
      this.options.defaults,
    );
    if (definition.refresh === 'on-probe' && definition.timeout > this.options.probeTimeout) {
      this.logger.warn(
        TIMEOUT_EXCEEDS_PROBE_TIMEOUT(
          definition.name,
          definition.timeout,
          this.options.probeTimeout,
        ),
      );
    }
    this.registry.add(new HealthCheckRunner(definition, this.logger, this.tracker));
  }
}

/** A factory provider's metatype is the factory: the instance's own class names it better. */
function classNameOf(prototype: Record<string, unknown>): string | undefined {
  const constructor = prototype.constructor;
  return typeof constructor === 'function' && constructor !== Object && constructor.name
    ? constructor.name
    : undefined;
}

/** Null-prototype objects and primitives (`useValue: 42`) cannot carry decorated methods. */
function prototypeOf(instance: unknown): Record<string, unknown> | undefined {
  if (instance === null || (typeof instance !== 'object' && typeof instance !== 'function')) {
    return undefined;
  }
  return Object.getPrototypeOf(instance) ?? undefined;
}
