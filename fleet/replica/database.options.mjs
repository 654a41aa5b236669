/**
 * `TypeOrmModule.forRoot()` options, the same for both sides: the example app's (libs/database),
 * with the fleet's pool size and a pool wait long enough for the queue the saturation traffic
 * builds (fleet/README.md, "Pool sizing").
 */
export function databaseOptions(env) {
  return {
    type: 'postgres',
    url: env.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    entities: [],
    retryAttempts: env.retryAttempts,
    retryDelay: env.retryDelayMs,
    extra: {
      max: env.poolSize,
      connectionTimeoutMillis: env.poolWaitMs,
      statement_timeout: env.statementTimeoutMs,
      application_name: `fleet-${env.side}`,
    },
  };
}
