import { createRequire } from 'node:module';
import { register } from 'esbuild-register/dist/node';

const require = createRequire(import.meta.url);

/**
 * The tests' throwaway servers (`ThrowawayRedis`, `ThrowawayPostgres`, ...) from the private
 * workspace `@internal/test-servers`, which is TypeScript source (main: src/index.ts): compiled on
 * require by esbuild-register, hooked for `.ts` files only and unhooked once they are loaded, so
 * the built library the benches measure never runs through esbuild.
 */
export function loadThrowawayServers() {
  const sourceMaps = process.sourceMapsEnabled;
  const { unregister } = register({ extensions: ['.ts'] });
  try {
    return require('@internal/test-servers');
  } finally {
    unregister();
    process.setSourceMapsEnabled(sourceMaps); // register() turned them on for the whole process
  }
}
