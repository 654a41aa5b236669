import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The application's version when the options name none: npm's `npm_package_version`, else the
 * `version` of `./package.json` in the working directory (where `node dist/main.js` is run from).
 *
 * @internal
 */
export function readAppVersion(): string | undefined {
  return process.env.npm_package_version || readManifestField('version');
}

/**
 * The application's name, for `serviceId` in `application/health+json`: npm's `npm_package_name`,
 * else the `name` of `./package.json`.
 *
 * @internal
 */
export function readAppName(): string | undefined {
  return process.env.npm_package_name || readManifestField('name');
}

function readManifestField(field: 'name' | 'version'): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    return typeof manifest[field] === 'string' ? manifest[field] : undefined;
  } catch {
    return undefined;
  }
}
