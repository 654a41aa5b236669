import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Nest, Terminus and the built library (packages/nestjs-probes/dist, resolved through the npm
 * workspace link). The library is required (CJS), not imported, as are its subpaths and typeorm
 * where they are used: a token such as typeorm's `DataSource` must be the very class the app
 * provides.
 */
export async function loadNest() {
  const common = await import('@nestjs/common');
  const core = await import('@nestjs/core');
  const terminus = await import('@nestjs/terminus');
  const probes = require('nestjs-probes');
  return { common, core, terminus, probes };
}
