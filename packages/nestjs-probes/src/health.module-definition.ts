import { type CanActivate, ConfigurableModuleBuilder, type Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { createHealthAdminController } from './controllers/health-admin-controller.factory';
import { HEALTH_MODULE_OPTIONS, HEALTH_MOUNT_PATH } from './health.constants';
import { type HealthModuleOptions } from './interfaces';
import { normalisePath } from './options/mount-path';
import { resolveMountPath } from './options/module-options.resolver';

/**
 * What shapes the module itself, so it is read when the module is defined, before any async
 * options factory runs: pass it to `forRoot()` with the options, or next to `useFactory`.
 *
 * @publicApi
 */
export interface HealthModuleExtras {
  /**
   * Route prefix of every health route: `GET /{path}/live`, `/ready`, `/startup`, `/details`... An
   * async factory may return it instead.
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
 * Each definition gets its own admin controller class, so two applications in one process never
 * share route metadata. The mount path is known once the options are, which for `forRootAsync()` is
 * after its factory ran: the `HEALTH_MOUNT_PATH` provider then writes it on the controller, as
 * `RouterModule` writes module paths, during instance loading and before Nest resolves routes.
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
      // A bad extra fails as the module is defined, naming the option, before anything runs.
      const extraPath = extras.path === undefined ? undefined : normalisePath(extras.path);
      const controller = createHealthAdminController(extras.adminGuard);
      return {
        ...definition,
        controllers: [...(definition.controllers ?? []), controller],
        providers: [
          ...(definition.providers ?? []),
          {
            provide: HEALTH_MOUNT_PATH,
            inject: [HEALTH_MODULE_OPTIONS],
            useFactory: (options: unknown) => {
              const path = resolveMountPath(extraPath, options);
              Reflect.defineMetadata(PATH_METADATA, path === '' ? '/' : path, controller);
              return path;
            },
          },
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
