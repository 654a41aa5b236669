import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConnectionOptions } from 'mysql2/promise';
import { onFreePort, waitForFreePort } from './free-port';
import { findMariaDbProgram, initMariaDbDataDir, mariaDbUserOptions } from './mariadb-binaries';
import { runMysqlQuery } from './mysql-query';
import { ServerProcess } from './server-process';
import { makeTempDir, removeTempDir } from './temp-dir';
import { waitUntilServing } from './wait-until-serving';

const HOST = '127.0.0.1';
const DATABASE = 'test';
const READY_WITHIN_MS = 20_000;
const STOP_WITHIN_MS = 15_000;
const KILL_WITHIN_MS = 5_000;
/** Small and fast, for `mariadb-install-db` and `mariadbd` alike. */
const SETTINGS = [
  '--skip-log-bin',
  '--innodb-buffer-pool-size=16M',
  '--innodb-log-file-size=8M',
  // Each commit reaches the OS, unsynced: survives a SIGKILL, costs no fsync.
  '--innodb-flush-log-at-trx-commit=2',
  '--innodb-doublewrite=0',
  // io_uring may be denied in containers (memlock limit, seccomp); a tiny server needs no async I/O.
  '--innodb-use-native-aio=0',
  '--skip-name-resolve',
  '--max-connections=50',
];

/** How TypeORM (`type: 'mysql'`) reaches a throwaway server. */
export interface MariaDbConnectionOptions {
  type: 'mysql';
  host: string;
  port: number;
  username: string;
  database: string;
}

/**
 * A MariaDB server of its own for tests that stop, kill or freeze it: a fresh data dir in a temp
 * dir (`mariadb-install-db`, once), served on a free 127.0.0.1 port by a `mariadbd` process leading
 * its own process group and working in that data dir. User `root` without a password, database
 * `test`. Always `destroy()` it.
 */
export class ThrowawayMariaDb {
  private server?: ServerProcess;

  private constructor(
    private readonly mariadbd: string,
    /** The temp dir holding its data dir, socket, pid file and log. */
    readonly dir: string,
    /** The TCP port, the same across restarts. */
    readonly port: number,
  ) {}

  /** Creates a data dir with an empty `test` database and serves it; resolves once it answers queries. */
  static async start(): Promise<ThrowawayMariaDb> {
    const mariadbd = findMariaDbProgram('mariadbd');
    const dir = await makeTempDir('throwaway-mariadb-');
    try {
      const initSql = join(dir, 'init.sql');
      await writeFile(initSql, `CREATE DATABASE ${DATABASE};\n`);
      await initMariaDbDataDir(join(dir, 'data'), SETTINGS, initSql);
      return await onFreePort(async (port) => {
        const mariadb = new ThrowawayMariaDb(mariadbd, dir, port);
        await mariadb.launch();
        return mariadb;
      });
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
  }

  /** `mysql://root@127.0.0.1:<port>/test`, for mysql2's `uri` or TypeORM's `url`. */
  get url(): string {
    return `mysql://root@${HOST}:${this.port}/${DATABASE}`;
  }

  /** Connection options in TypeORM's shape. */
  get connectionOptions(): MariaDbConnectionOptions {
    return { type: 'mysql', host: HOST, port: this.port, username: 'root', database: DATABASE };
  }

  /** Connection options in mysql2's shape (`createConnection(...)`, `createPool(...)`). */
  get clientOptions(): ConnectionOptions {
    return { host: HOST, port: this.port, user: 'root', database: DATABASE };
  }

  /** SIGTERM: mariadbd ends its connections, shuts InnoDB down cleanly and exits. */
  async stop(): Promise<void> {
    const server = this.running();
    if (server.isFrozen) server.resume();
    server.signal('SIGTERM');
    await server.waitForExit(STOP_WITHIN_MS);
  }

  /** SIGKILL; resolves once it exited and the port is free. */
  async kill(): Promise<void> {
    await this.running().kill(KILL_WITHIN_MS);
    await waitForFreePort(this.port, KILL_WITHIN_MS);
  }

  /** SIGSTOP: connections stay open but nothing answers. */
  freeze(): void {
    this.running().freeze();
  }

  /** SIGCONT after `freeze()`. */
  resume(): void {
    this.running().resume();
  }

  /** Serves the same data dir on the same port again after `stop()` or `kill()` (InnoDB recovers). */
  async restart(): Promise<void> {
    if (this.server?.running) {
      throw new Error('ThrowawayMariaDb.restart(): stop() or kill() it first');
    }
    await this.launch();
  }

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const [row] = await runMysqlQuery(
      this.clientOptions,
      `SELECT COUNT(*) AS count FROM information_schema.PROCESSLIST
       WHERE COMMAND <> 'Daemon' AND ID <> CONNECTION_ID()`,
    );
    return Number(row.count);
  }

  /** Kills whatever still runs (frozen or not) and removes the data dir. */
  async destroy(): Promise<void> {
    await this.server?.kill(KILL_WITHIN_MS);
    this.server = undefined;
    await removeTempDir(this.dir);
  }

  private async launch(): Promise<void> {
    // mariadbd works in its data dir, inside this.dir: ServerProcess and the exit reaper find it.
    const server = ServerProcess.spawn(
      this.mariadbd,
      [
        '--no-defaults', // must come first
        `--datadir=${join(this.dir, 'data')}`,
        ...[`--port=${this.port}`, `--bind-address=${HOST}`],
        ...[
          `--socket=${join(this.dir, 'mysqld.sock')}`,
          `--pid-file=${join(this.dir, 'mariadbd.pid')}`,
        ],
        ...mariaDbUserOptions(),
        ...SETTINGS,
      ],
      { cwd: this.dir, logFile: join(this.dir, 'mariadb.log') },
    );
    this.server = server;
    await waitUntilServing(server, {
      name: 'MariaDB',
      port: this.port,
      answers: () => this.answers(),
      timeoutMs: READY_WITHIN_MS,
      killWithinMs: KILL_WITHIN_MS,
    });
  }

  private answers(): Promise<boolean> {
    return runMysqlQuery(this.clientOptions, 'SELECT 1', 500).then(
      () => true,
      () => false,
    );
  }

  private running(): ServerProcess {
    if (!this.server?.running) throw new Error('ThrowawayMariaDb: the server is not running');
    return this.server;
  }
}
