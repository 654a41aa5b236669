import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConnectionOptions } from 'mysql2/promise';
import { onFreePort } from './free-port';
import { findMariaDbProgram, initMariaDbDataDir, mariaDbUserOptions } from './mariadb-binaries';
import { runMysqlQuery } from './mysql-query';
import { makeTempDir, removeTempDir } from './temp-dir';
import { COUNT_TIMEOUT_MS, type ServerLaunch, ThrowawayServer } from './throwaway-server';

const HOST = '127.0.0.1';
const DATABASE = 'test';
const DEADLINES = { readyWithinMs: 20_000, stopWithinMs: 15_000, killWithinMs: 5_000 };
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
export class ThrowawayMariaDb extends ThrowawayServer {
  private constructor(
    private readonly mariadbd: string,
    dir: string,
    port: number,
  ) {
    super(dir, port, 'MariaDB', DEADLINES);
  }

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

  /** Client connections open right now, not counting the one that asks. */
  async connectionCount(): Promise<number> {
    const [row] = await runMysqlQuery(
      this.clientOptions,
      `SELECT COUNT(*) AS count FROM information_schema.PROCESSLIST
       WHERE COMMAND <> 'Daemon' AND ID <> CONNECTION_ID()`,
      COUNT_TIMEOUT_MS,
    );
    return Number(row.count);
  }

  protected launchSpec(): ServerLaunch {
    // mariadbd works in its data dir, inside this.dir: ServerProcess and the exit reaper find it.
    return {
      command: this.mariadbd,
      args: [
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
      logName: 'mariadb.log',
    };
  }

  protected answers(): Promise<boolean> {
    return runMysqlQuery(this.clientOptions, 'SELECT 1', 500).then(
      () => true,
      () => false,
    );
  }
}
