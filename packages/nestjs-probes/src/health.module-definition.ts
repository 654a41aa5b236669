import { type CanActivate, ConfigurableModuleBuilder, type Type } from '@nestjs/common';
import { createHealthController } from './controllers/health-controller.factory';
import { DEFAULT_PATH, HEALTH_MODULE_OPTIONS, HEALTH_MOUNT_PATH } from './health.constants';
import { type HealthModuleOptions } from './interfaces';
import { normalisePath } from './options/mount-path';

/**
 * What shapes the module itself, so it is read when the module is defined, before any async
 * options factory runs: pass it to `forRoot()` with the options, or next to `useFactory`.
 *
 * @publicApi
 */
export interface HealthModuleExtras {
  /**
   * Route prefix of the probes: `GET /{path}/live`, `/ready`, `/startup`, `/details`.
   * @default 'health'
   */
  path?: string;
  /**
   * The guard of the details endpoint: a subclass of `HealthAdminGuard` overriding its protected
   * hooks, or any guard resolvable in the module (its dependencies from `imports`).
   * @default HealthAdminGuard
   */
  adminGuard?: Type<CanActivate>;
}

/**
 * Each definition gets its own controller class, so two applications in one process never share
 * route metadata. The mount path is held here alone: the controller's routes and the
 * `HEALTH_MOUNT_PATH` provider both come from it.
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
  .setExtras<HealthModuleExtras>(
    { path: undefined, adminGuard: undefined },
    (definition, extras) => {
      const path = normalisePath(extras.path ?? DEFAULT_PATH);
      return {
        ...definition,
        controllers: [
          ...(definition.controllers ?? []),
          createHealthController(path, extras.adminGuard),
        ],
        providers: [
          ...(definition.providers ?? []),
          { provide: HEALTH_MOUNT_PATH, useValue: path },
        ],
      };
    },
  )
  .build();

/**
 * The options of `HealthModule.forRoot()`: the module options and the extras.
 *
 * @publicApi
 */
export type HealthModuleSyncOptions = typeof HEALTH_OPTIONS_TYPE;

/**
 * The options of `HealthModule.forRootAsync()`: `useFactory` + `inject`, `useClass` or
 * `useExisting`, `imports`, and the extras next to them.
 *
 * @publicApi
 */
export type HealthModuleAsyncOptions = typeof HEALTH_ASYNC_OPTIONS_TYPE;
