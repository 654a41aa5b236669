import { type DynamicModule, type FactoryProvider } from '@nestjs/common';

/**
 * Runs the factories of a `registerAsync()` module as Nest would: the options factory with
 * `factoryArgs` (its injected values), then the check's with the answer and `dependencies`.
 *
 * @internal
 */
export async function instantiateAsync<Check>(
  module: DynamicModule,
  dependencies: readonly unknown[] = [],
  ...factoryArgs: unknown[]
): Promise<Check> {
  const [, options, check] = module.providers as [unknown, FactoryProvider, FactoryProvider];
  return check.useFactory(await options.useFactory(...factoryArgs), ...dependencies) as Check;
}

/** @internal What `instantiateAsync` rejects with, or a failure when it resolves. */
export async function asyncErrorOf(
  module: DynamicModule,
  dependencies: readonly unknown[] = [],
): Promise<unknown> {
  return instantiateAsync(module, dependencies).then(
    () => {
      throw new Error('expected a configuration error');
    },
    (error: unknown) => error,
  );
}
