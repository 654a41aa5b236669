import { type DynamicModule, Injectable, Module } from '@nestjs/common';

/** Where `AppConfigModule` provides its values, so a config service can read them. */
export const APP_CONFIG_VALUES = 'TEST:APP_CONFIG_VALUES';

/**
 * Stands in for `@nestjs/config`'s `ConfigService`: `get(key)` answers from the values given to
 * `AppConfigModule.forRoot()`, and counts its reads so a test can tell the factory ran.
 */
@Injectable()
export class AppConfigService {
  reads = 0;

  constructor(private readonly values: Record<string, unknown>) {}

  get<T = unknown>(key: string): T {
    this.reads++;
    return this.values[key] as T;
  }
}

/** A plain (non-global) module exporting `AppConfigService`, as `ConfigModule.forRoot()` would. */
@Module({})
export class AppConfigModule {
  static forRoot(values: Record<string, unknown>): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: APP_CONFIG_VALUES, useValue: values },
        {
          provide: AppConfigService,
          inject: [APP_CONFIG_VALUES],
          useFactory: (given: Record<string, unknown>) => new AppConfigService(given),
        },
      ],
      exports: [AppConfigService],
    };
  }
}
