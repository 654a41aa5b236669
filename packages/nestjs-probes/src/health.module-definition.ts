import { ConfigurableModuleBuilder } from '@nestjs/common';
import { createHealthController } from './controllers/create-health-controller';
import { DEFAULT_PATH, HEALTH_MODULE_OPTIONS, HEALTH_MOUNT_PATH } from './health.constants';
import { type HealthModuleOptions } from './interfaces';
import { normalisePath } from './utils/resolve-module-options.util';

/** @internal Options known before any factory runs, because they shape the module itself. */
export interface HealthModuleExtras {
  /** See `HealthModuleOptions.path`. */
  path?: string;
}

/**
 * Routes are fixed when the module is defined, so `path` is read here, from the `forRoot` options or
 * from next to `useFactory`; each definition gets its own controller class, so two applications in
 * one process never share route metadata.
 *
 * @internal
 */
export const {
  ConfigurableModuleClass: ConfigurableHealthModule,
  OPTIONS_TYPE: HEALTH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: HEALTH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<HealthModuleOptions>({
  moduleName: 'Health',
  optionsInjectionToken: HEALTH_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createHealthOptions')
  .setExtras<HealthModuleExtras>({ path: undefined }, (definition, extras) => {
    const path = normalisePath(extras.path ?? DEFAULT_PATH);
    return {
      ...definition,
      controllers: [...(definition.controllers ?? []), createHealthController(path)],
      providers: [...(definition.providers ?? []), { provide: HEALTH_MOUNT_PATH, useValue: path }],
    };
  })
  .build();
