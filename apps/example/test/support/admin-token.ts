import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './example-app.process';

const MINT_TOKEN = join(REPO_ROOT, 'libs', 'auth', 'dist', 'cli', 'mint-token.js');

/** A token minted the documented way (`npm run token`'s script), for the app running with `secret`. */
export async function mintToken(
  secret: string,
  roles: readonly string[] = ['admin'],
): Promise<string> {
  const args = [MINT_TOKEN, ...roles.flatMap((role) => ['--role', role]), '--subject', 'e2e'];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { PATH: process.env.PATH, JWT_SECRET: secret },
  });
  return stdout.trim();
}
