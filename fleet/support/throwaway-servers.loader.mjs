import { createRequire } from 'node:module';
import { register } from 'esbuild-register/dist/node';

const require = createRequire(import.meta.url);

/**
 * `ThrowawayPostgres` from the private workspace `@internal/test-servers` (TypeScript source),
 * compiled on require by esbuild-register, hooked for `.ts` files only and unhooked at once, so
 * the replicas' built library never runs through esbuild.
 */
export function loadThrowawayPostgres() {
  const sourceMaps = process.sourceMapsEnabled;
  const { unregister } = register({ extensions: ['.ts'] });
  try {
    return require('@internal/test-servers').ThrowawayPostgres;
  } finally {
    unregister();
    process.setSourceMapsEnabled(sourceMaps);
  }
}
