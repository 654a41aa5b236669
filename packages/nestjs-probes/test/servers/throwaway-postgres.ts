import { join } from 'node:path';
import { type ClientConfig } from 'pg';
import { onFreePort, waitForFreePort } from './free-port';
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
import { ServerProcess } from './server-process';
import { makeTempDir, removeTempDir } from './temp-dir';
import { waitUntilServing } from './wait-until-serving';

const HOST = '127.0.0.1';
const READY_WITHIN_MS = 20_000;
const STOP_WITHIN_MS = 15_000;
const KILL_WITHIN_MS = 5_000;
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
export class ThrowawayPostgres {
  private server?: ServerProcess;

  private constructor(
    private readonly binDir: string,
    /** The temp dir holding its cluster, socket and log. */
    readonly dir: string,
    /** The TCP port, the same across restarts. */
    readonly port: number,
  ) {}

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

  /** Fast shutdown (SIGINT to the postmaster): backends are ended, then the server exits. */
  async stop(): Promise<void> {
    const server = this.running();
    if (server.isFrozen) server.resume();
    // Under runuser the group leader is runuser, which would not pass SIGINT on.
    process.kill(readPostmasterPid(this.dataDir) ?? server.pgid, 'SIGINT');
    await server.waitForExit(STOP_WITHIN_MS);
  }

  /** SIGKILL to the postmaster and its backends; resolves once all exited and the port is free. */
  async kill(): Promise<void> {
    await this.running().kill(KILL_WITHIN_MS);
    await waitForFreePort(this.port, KILL_WITHIN_MS);
  }

  /** SIGSTOP to the postmaster and its backends: connections stay open but nothing answers. */
  freeze(): void {
    this.running().freeze();
  }

  /** SIGCONT after `freeze()`. */
  resume(): void {
    this.running().resume();
  }

  /** Serves the same cluster on the same port again after `stop()` or `kill()`. */
  async restart(): Promise<void> {
    if (this.server?.running) {
      throw new Error('ThrowawayPostgres.restart(): stop() or kill() it first');
    }
    await removeStaleLockFiles(this.dataDir, this.dir, this.port);
    await this.launch();
  }

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const { rows } = await withPgClient(this.clientConfig, (client) =>
      client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      ),
    );
    return rows[0].count;
  }

  /** Kills whatever still runs (frozen or not) and removes the cluster. */
  async destroy(): Promise<void> {
    await this.server?.kill(KILL_WITHIN_MS);
    this.server = undefined;
    releaseOrphanedSharedMemory(this.dataDir);
    await removeTempDir(this.dir);
  }

  private async launch(): Promise<void> {
    const [command, args] = asPostgresUser(join(this.binDir, 'postgres'), [
      ...['-D', this.dataDir, '-p', String(this.port), '-k', this.dir],
      ...Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ]);
    const server = ServerProcess.spawn(command, args, {
      cwd: this.dir,
      logFile: join(this.dir, 'postgres.log'),
    });
    this.server = server;
    await waitUntilServing(server, {
      name: 'PostgreSQL',
      port: this.port,
      answers: () => this.answers(),
      timeoutMs: READY_WITHIN_MS,
      killWithinMs: KILL_WITHIN_MS,
    });
  }

  private answers(): Promise<boolean> {
    return withPgClient(this.clientConfig, (client) => client.query('SELECT 1')).then(
      () => true,
      () => false,
    );
  }

  private running(): ServerProcess {
    if (!this.server?.running) throw new Error('ThrowawayPostgres: the server is not running');
    return this.server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }
}
