import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import {
  HealthModule,
  type HealthModuleAsyncOptions,
  type HealthModuleSyncOptions,
} from 'nestjs-probes';
import { aliasedHealthProviders } from './aliased.health';
import { BackgroundHealth, BackgroundLivenessHealth } from './background.health';
import { BootstrapGateModule } from './bootstrap-gate.module';
import { CachedHealth } from './cached.health';
import {
  SlowFirstRunBackgroundHealth,
  SlowLivenessStartupHealth,
  SlowReadinessHealth,
} from './deadline.health';
import { PoolHealth } from './degraded.health';
import { FailingHealth, FalseReturningHealth, NonCriticalFailingHealth } from './failing.health';
import { FakeAuthGuard } from './fake-auth.guard';
import { FlappingHealth, OptionalFlappingHealth } from './flapping.health';
import { HealthyHealth } from './healthy.health';
import { InheritedHealth } from './inherited.health';
import { LeakyHealth } from './leaky.health';
import { LivenessHealth } from './liveness.health';
import { OuterModule } from './nested/outer.module';
import { PlainHealth, SchemaHealth } from './plain.health';
import { RedactionTableHealth } from './redaction-table.health';
import {
  ConstructorNamedHealth,
  ProtoNamedHealth,
  ToStringNamedHealth,
} from './prototype-names.health';
import { nullPrototypeProvider } from './null-prototype.provider';
import { ShutdownRecorderModule } from './shutdown-recorder.module';
import { ParallelHealth, SlowHealth, TimingOutHealth } from './slow.health';
import { StartupHealth, WarmupHealth } from './startup.health';
import { TerminusHealth } from './terminus.health';
import { ThrowingHealth } from './throwing.health';

type Imports = NonNullable<ModuleMetadata['imports']>;

/**
 * The application under test, one static factory per scenario. Every scenario also installs
 * `FakeAuthGuard`, so the details endpoint can be read as any caller.
 */
@Module({})
export class AppModule {
  /** One passing check per probe: readiness, liveness and startup. */
  static registerHealthy(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, LivenessHealth, StartupHealth], options);
  }

  /** A critical readiness check is down. */
  static registerCriticalFailure(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, FailingHealth, LivenessHealth], options);
  }

  /** A non-critical readiness check is down, next to one check per probe that passes. */
  static registerOptionalFailure(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks(
      [HealthyHealth, NonCriticalFailingHealth, LivenessHealth, StartupHealth],
      options,
    );
  }

  /** A critical check reports `degraded()` itself. */
  static registerDegraded(): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, PoolHealth]);
  }

  /** A check answers `false`. */
  static registerFalseReturning(): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, FalseReturningHealth]);
  }

  /** Checks returning `@nestjs/terminus` results. */
  static registerTerminus(): DynamicModule {
    return AppModule.registerChecks([TerminusHealth, HealthIndicatorService]);
  }

  /** A check that only ends when its 50 ms timeout aborts it. */
  static registerTimeout(): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, TimingOutHealth]);
  }

  /** Discovery edge cases: a nested module, an inherited method, an alias, a null-prototype value. */
  static registerDiscovery(): DynamicModule {
    return AppModule.registerChecks(
      [InheritedHealth, ...aliasedHealthProviders, nullPrototypeProvider],
      {},
      [OuterModule],
    );
  }

  /** Bootstrap held open by `BootstrapGate` until the test opens it. */
  static registerStartupGate(): DynamicModule {
    return AppModule.registerChecks([StartupHealth], {}, [BootstrapGateModule]);
  }

  /** Two startup checks the test can fail and pass. */
  static registerStartupChecks(): DynamicModule {
    return AppModule.registerChecks([StartupHealth, WarmupHealth, HealthyHealth]);
  }

  /** `ShutdownRecorder` calls the probes from inside `app.close()`. */
  static registerShutdown(options: HealthModuleSyncOptions = {}): DynamicModule {
    return AppModule.registerChecks(
      [HealthyHealth, LivenessHealth, BackgroundHealth, BackgroundLivenessHealth],
      options,
      [ShutdownRecorderModule],
    );
  }

  /** A check with no options, so module defaults decide its ttl, timeout and criticality. */
  static registerPlain(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks([PlainHealth], options);
  }

  /** A check taking part in both the startup and the readiness probe. */
  static registerMultiProbe(): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, SchemaHealth]);
  }

  static registerCached(): DynamicModule {
    return AppModule.registerChecks([CachedHealth]);
  }

  static registerSlow(): DynamicModule {
    return AppModule.registerChecks([SlowHealth]);
  }

  static registerParallel(): DynamicModule {
    return AppModule.registerChecks([ParallelHealth]);
  }

  static registerBackground(): DynamicModule {
    return AppModule.registerChecks([BackgroundHealth]);
  }

  /** A healthy check among checks that throw, reject late, throw non-Errors or never settle. */
  static registerIsolation(): DynamicModule {
    return AppModule.registerChecks([HealthyHealth, ThrowingHealth]);
  }

  /** Checks whose errors and details carry credentials and hosts. */
  static registerRedaction(): DynamicModule {
    return AppModule.registerChecks([LeakyHealth, HealthIndicatorService]);
  }

  /** One check per secret shape of `REDACTION_TABLE`, each failing with that secret. */
  static registerRedactionTable(): DynamicModule {
    return AppModule.registerChecks([RedactionTableHealth]);
  }

  /** Checks whose outcome the test flips between up, down and degraded. */
  static registerFlapping(): DynamicModule {
    return AppModule.registerChecks([FlappingHealth, OptionalFlappingHealth]);
  }

  /** Checks named `__proto__`, `constructor` and `toString`, next to a healthy one. */
  static registerPrototypeNames(): DynamicModule {
    return AppModule.registerChecks([
      HealthyHealth,
      ProtoNamedHealth,
      ConstructorNamedHealth,
      ToStringNamedHealth,
    ]);
  }

  /** A critical readiness check taking 2 s of its 5 s timeout. */
  static registerSlowReadiness(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks([SlowReadinessHealth], options);
  }

  /** A critical liveness and startup check taking 2 s of its 5 s timeout. */
  static registerSlowLivenessStartup(options?: HealthModuleSyncOptions): DynamicModule {
    return AppModule.registerChecks([SlowLivenessStartupHealth], options);
  }

  /** A background readiness check whose first run takes 300 ms. */
  static registerSlowFirstRun(): DynamicModule {
    return AppModule.registerChecks([SlowFirstRunBackgroundHealth]);
  }

  /** `HealthModule.forRoot(options)` with the given check providers and imports. */
  static registerChecks(
    providers: Provider[],
    options: HealthModuleSyncOptions = {},
    imports: Imports = [],
  ): DynamicModule {
    return AppModule.compose(HealthModule.forRoot(options), providers, imports);
  }

  /** `HealthModule.forRootAsync(options)`, with a critical check that is down next to a healthy one. */
  static registerAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return AppModule.compose(HealthModule.forRootAsync(options), [HealthyHealth, FailingHealth]);
  }

  private static compose(health: DynamicModule, providers: Provider[], imports: Imports = []) {
    return {
      module: AppModule,
      imports: [health, ...imports],
      providers: [...providers, { provide: APP_GUARD, useClass: FakeAuthGuard }],
    };
  }
}
