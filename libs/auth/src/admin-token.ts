import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The admin token: `ADMIN_TOKEN` from the environment, or a random one made at start. */
export function resolveAdminToken(env: NodeJS.ProcessEnv = process.env): {
  token: string;
  generated: boolean;
} {
  const fromEnv = env.ADMIN_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

/** Constant-time comparison, so response timing does not reveal how much of a token matched. */
export function tokensMatch(candidate: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}
