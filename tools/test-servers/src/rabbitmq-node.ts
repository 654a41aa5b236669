import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Debian's /usr/sbin/rabbitmq-server is a wrapper that cds to /var/lib/rabbitmq, switches to the
// `rabbitmq` user and logs to /var/log/rabbitmq; the scripts it wraps take everything from the
// environment, so a throwaway node runs them directly, as whoever runs the tests, in its own dir.
const SCRIPTS_DIR = '/usr/lib/rabbitmq/bin';
const CTL_WITHIN_MS = 15_000;

/** Where one RabbitMQ node lives: its dir, its name and the three ports it owns. */
export interface RabbitMqNodeLayout {
  dir: string;
  nodeName: string;
  amqpPort: number;
  distPort: number;
  epmdPort: number;
}

/** The path of RabbitMQ script `name` (`rabbitmq-server`, `rabbitmqctl`). */
export function rabbitMqScript(name: string): string {
  const path = join(SCRIPTS_DIR, name);
  if (!existsSync(path)) {
    throw new Error(`No RabbitMQ script ${path} found: run .ci/install-servers first.`);
  }
  return path;
}

/**
 * The environment of the node's server and of every rabbitmqctl call against it. Nothing comes
 * from /etc/rabbitmq (whose config pins port 5672 and whose env file names the machine's node):
 * config, env file, mnesia, logs, enabled plugins, cookie (in HOME) and epmd are the node's own.
 */
export function rabbitMqEnvironment(layout: RabbitMqNodeLayout): NodeJS.ProcessEnv {
  const { dir } = layout;
  return {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: layout.nodeName,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_LOGS: '-', // to stdout, which is the throwaway's log file
    RABBITMQ_DIST_PORT: String(layout.distPort),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_PORT: String(layout.epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
}

/** The files the node reads at start: its config (one listener), no env file, no plugins. */
export function rabbitMqFiles(layout: RabbitMqNodeLayout): Record<string, string> {
  return {
    'rabbitmq.conf': [
      `listeners.tcp.1 = 127.0.0.1:${layout.amqpPort}`,
      'loopback_users = none',
      '',
    ].join('\n'),
    'rabbitmq-env.conf': '',
    enabled_plugins: '[].\n',
  };
}

/** Runs `rabbitmqctl -n <node> -q <args>` against the node; resolves its stdout lines. */
export async function rabbitMqCtl(layout: RabbitMqNodeLayout, args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    rabbitMqScript('rabbitmqctl'),
    ['-n', layout.nodeName, '-q', ...args],
    // Not in the node's dir: the faults hit every process working there.
    { env: rabbitMqEnvironment(layout), cwd: tmpdir(), timeout: CTL_WITHIN_MS },
  );
  return stdout.split('\n').filter((line) => line.trim() !== '');
}
