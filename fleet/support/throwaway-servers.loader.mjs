import { createRequire } from 'node:module';
import { register } from 'esbuild-register/dist/node';

const require = createRequire(import.meta.url);

/**
 * `ThrowawayPostgres` and `isPortFree` from the private workspace `@internal/test-servers` (TypeScript source),
 * compiled on require by esbuild-register, hooked for `.ts` files only and unhooked at once, so
 * the replicas' built library never runs through esbuild.
 */
export function loadTestServers() {
  const sourceMaps = process.sourceMapsEnabled;
  const { unregister } = register({ extensions: ['.ts'] });
  try {
    const { ThrowawayPostgres, isPortFree } = require('@internal/test-servers');
    return { ThrowawayPostgres, isPortFree };
  } finally {
    unregister();
    process.setSourceMapsEnabled(sourceMaps);
  }
}
