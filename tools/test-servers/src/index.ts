// What the e2e and fault tests of the library, the libs and the example app use, by package name:
// `import { ThrowawayPostgres } from '@internal/test-servers'`. Test tooling only: nothing in a
// package's src/ may import it, and no image or published package contains it.
export { findFreePort, isPortFree, onFreePort, waitForFreePort } from './free-port';
export { runMysqlQuery } from './mysql-query';
export { withPgClient } from './pg-client';
export { type PollOptions, pollUntil } from './poll-until';
export { PortInUseError } from './port-in-use.error';
export { sendRedisCommand } from './redis-command';
export { refusedPort } from './refused-port';
export { type MariaDbConnectionOptions, ThrowawayMariaDb } from './throwaway-mariadb';
export { ThrowawayMosquitto } from './throwaway-mosquitto';
export { ThrowawayNats } from './throwaway-nats';
export { type PostgresConnectionOptions, ThrowawayPostgres } from './throwaway-postgres';
export { ThrowawayRabbitMq } from './throwaway-rabbitmq';
export { ThrowawayRedis } from './throwaway-redis';
export { type ServerDeadlines, type ServerLaunch, ThrowawayServer } from './throwaway-server';
