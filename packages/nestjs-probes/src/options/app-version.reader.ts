import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The application's version when the options name none: npm's `npm_package_version`, else the
 * `version` of `./package.json` in the working directory (where `node dist/main.js` is run from).
 *
 * @internal
 */
export function readAppVersion(): string | undefined {
  if (process.env.npm_package_version) return process.env.npm_package_version;
  try {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
