import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The installed version of package `name`, or null. */
export function versionOf(name) {
  // Some packages (typeorm) do not export ./package.json: walk up from their entry point.
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === name) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `{ [name]: version }` for each of `names`, in order. */
export const versionsOf = (names) =>
  Object.fromEntries(names.map((name) => [name, versionOf(name)]));
