/**
 * What the fleet hands each replica process, by environment variable (all times in ms, already
 * scaled). Both sides get the same database settings; only the health endpoints differ.
 */
export function readReplicaEnv(env = process.env) {
  const number = (name) => {
    const value = Number(env[name]);
    if (!Number.isFinite(value)) throw new Error(`replica: ${name} is missing or not a number`);
    return value;
  };
  const side = env.FLEET_SIDE;
  if (side !== 'ours' && side !== 'control')
    throw new Error('replica: FLEET_SIDE must be ours or control');
  return {
    side,
    port: number('FLEET_PORT'),
    databaseUrl: env.FLEET_DATABASE_URL,
    poolSize: number('FLEET_POOL_SIZE'),
    poolWaitMs: number('FLEET_POOL_WAIT_MS'),
    statementTimeoutMs: number('FLEET_STATEMENT_TIMEOUT_MS'),
    retryAttempts: number('FLEET_RETRY_ATTEMPTS'),
    retryDelayMs: number('FLEET_RETRY_DELAY_MS'),
    ttlMs: number('FLEET_HEALTH_TTL_MS'),
    checkTimeoutMs: number('FLEET_CHECK_TIMEOUT_MS'),
    probeTimeoutMs: number('FLEET_PROBE_TIMEOUT_MS'),
    drainMs: number('FLEET_DRAIN_MS'),
    degradedAboveMs: number('FLEET_DEGRADED_ABOVE_MS'),
    // undefined: Terminus' own default (1000 ms), as the tutorial writes it.
    pingTimeoutMs: env.FLEET_PING_TIMEOUT_MS ? Number(env.FLEET_PING_TIMEOUT_MS) : undefined,
  };
}
