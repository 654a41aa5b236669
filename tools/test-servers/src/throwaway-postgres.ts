import { join } from 'node:path';
import { type ClientConfig } from 'pg';
import { onFreePort } from './free-port';
import { withPgClient } from './pg-client';
import {
  readPostmasterPid,
  releaseOrphanedSharedMemory,
  removeStaleLockFiles,
} from './postmaster-lock-file';
import {
  asPostgresUser,
  findPostgresBinDir,
  giveToPostgresUser,
  initPostgresCluster,
} from './postgres-binaries';
import { type ServerProcess } from './server-process';
import { makeTempDir, removeTempDir } from './temp-dir';
import { COUNT_TIMEOUT_MS, type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DEADLINES = { readyWithinMs: 20_000, stopWithinMs: 15_000, killWithinMs: 5_000 };
const SETTINGS = {
  listen_addresses: HOST,
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '50',
};

/** How TypeORM (`type: 'postgres'`) reaches a throwaway server. */
export interface PostgresConnectionOptions {
  host: string;
  port: number;
  username: string;
  database: string;
}

/**
 * A PostgreSQL server of its own for tests that stop, kill or freeze it: a fresh cluster in a temp
 * dir, served on a free 127.0.0.1 port by a `postgres` process leading its own process group (as
 * the `postgres` OS user through runuser when root). Faults hit the postmaster and every backend.
 * Trust authentication, user and database `postgres`. Always `destroy()` it.
 */
export class ThrowawayPostgres extends ThrowawayServer {
  private constructor(
    private readonly binDir: string,
    dir: string,
    port: number,
  ) {
    super(dir, port, 'PostgreSQL', DEADLINES);
  }

  /** Creates a cluster (`initdb`, once) and serves it; resolves once it answers queries. */
  static async start(): Promise<ThrowawayPostgres> {
    const binDir = findPostgresBinDir();
    const dir = await makeTempDir('throwaway-postgres-');
    try {
      giveToPostgresUser(dir);
      await initPostgresCluster(binDir, join(dir, 'data'));
      return await onFreePort(async (port) => {
        const postgres = new ThrowawayPostgres(binDir, dir, port);
        await postgres.launch();
        return postgres;
      });
    } catch (error) {
      releaseOrphanedSharedMemory(join(dir, 'data'));
      await removeTempDir(dir);
      throw error;
    }
  }

  /** `postgres://postgres@127.0.0.1:<port>/postgres`, for pg's `connectionString` or TypeORM's `url`. */
  get url(): string {
    return `postgres://postgres@${HOST}:${this.port}/postgres`;
  }

  /** Connection options in TypeORM's shape. */
  get connectionOptions(): PostgresConnectionOptions {
    return { host: HOST, port: this.port, username: 'postgres', database: 'postgres' };
  }

  /** Connection options in pg's shape (`new Client(...)`, `new Pool(...)`). */
  get clientConfig(): ClientConfig {
    return { host: HOST, port: this.port, user: 'postgres', database: 'postgres' };
  }

  /** Fast shutdown: SIGINT to the postmaster, which ends the backends, then exits. */
  protected override requestStop(server: ServerProcess): void {
    // Under runuser the group leader is runuser, which would not pass SIGINT on.
    process.kill(readPostmasterPid(this.dataDir) ?? server.pgid, 'SIGINT');
    // runuser stops itself when its child stops (job control), and may do so again after a
    // resume; a stopped runuser could not reap the postmaster and exit.
    server.signal('SIGCONT');
  }

  /** After a kill, the postmaster's lock files would stop the new one. */
  protected override async beforeRestart(): Promise<void> {
    await removeStaleLockFiles(this.dataDir, this.dir, this.port);
  }

  /** A SIGKILLed postmaster leaves its shared memory segment behind. */
  protected override afterDestroy(): void {
    releaseOrphanedSharedMemory(this.dataDir);
  }

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const { rows } = await withPgClient(
      this.clientConfig,
      (client) =>
        client.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        ),
      COUNT_TIMEOUT_MS,
    );
    return rows[0].count;
  }

  protected launchSpec(): ServerLaunch {
    const [command, args] = asPostgresUser(join(this.binDir, 'postgres'), [
      ...['-D', this.dataDir, '-p', String(this.port), '-k', this.dir],
      ...Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ]);
    return { command, args, logName: 'postgres.log' };
  }

  protected answers(): Promise<boolean> {
    return withPgClient(this.clientConfig, (client) => client.query('SELECT 1')).then(
      () => true,
      () => false,
    );
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }
}
