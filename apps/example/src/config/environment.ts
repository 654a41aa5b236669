/** The example's configuration, read from the environment once by `ConfigModule`. */
export interface Environment {
  PORT: number;
  HOST: string;
  DATABASE_URL?: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_RETRY_ATTEMPTS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  REDIS_URL?: string;
  REDIS_COMMAND_TIMEOUT_MS: number;
  CACHE_TTL_SECONDS: number;
  HEALTH_TTL_MS: number;
  PROBE_TIMEOUT_MS: number;
  SHUTDOWN_DRAIN_MS: number;
}

type Rule = { min: number; max: number; fallback: number };

const INTEGERS: Record<string, Rule> = {
  PORT: { min: 0, max: 65_535, fallback: 3_000 },
  DATABASE_POOL_SIZE: { min: 1, max: 100, fallback: 10 },
  DATABASE_RETRY_ATTEMPTS: { min: 0, max: 100, fallback: 5 },
  DATABASE_STATEMENT_TIMEOUT_MS: { min: 1, max: 600_000, fallback: 5_000 },
  REDIS_COMMAND_TIMEOUT_MS: { min: 1, max: 10_000, fallback: 200 },
  CACHE_TTL_SECONDS: { min: 1, max: 86_400, fallback: 60 },
  HEALTH_TTL_MS: { min: 0, max: 60_000, fallback: 2_000 },
  PROBE_TIMEOUT_MS: { min: 1, max: 60_000, fallback: 2_000 },
  SHUTDOWN_DRAIN_MS: { min: 0, max: 120_000, fallback: 0 },
};

const URLS: Record<string, readonly string[]> = {
  DATABASE_URL: ['postgres:', 'postgresql:'],
  REDIS_URL: ['redis:', 'rediss:'],
};

/**
 * `ConfigModule`'s `validate`: every variable is checked before any module is built, and a bad one
 * stops the app with a message naming it. Values are never echoed for URLs (they hold passwords).
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const errors: string[] = [];
  const env: Record<string, unknown> = { HOST: stringOr(raw.HOST, '127.0.0.1') };
  for (const [name, rule] of Object.entries(INTEGERS)) {
    const value = integerOr(raw[name], rule.fallback);
    if (value === undefined || value < rule.min || value > rule.max) {
      errors.push(
        `${name} must be an integer from ${rule.min} to ${rule.max} (got "${raw[name]}")`,
      );
    }
    env[name] = value;
  }
  for (const [name, protocols] of Object.entries(URLS)) {
    const value = stringOr(raw[name], '');
    if (value === '') continue;
    if (!protocols.includes(protocolOf(value))) {
      errors.push(
        `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      );
    }
    env[name] = value;
  }
  if (errors.length > 0) throw new Error(`Invalid environment: ${errors.join('; ')}`);
  return env as unknown as Environment;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function integerOr(value: unknown, fallback: number): number | undefined {
  // Blank means unset, as for the strings: Number('  ') would be 0 (PORT=" " → a random port).
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === undefined || text === '') return fallback;
  const parsed = Number(text);
  return Number.isInteger(parsed) ? parsed : undefined;
}

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
