import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pollUntil } from '@internal/test-servers';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const MAIN = join(REPO_ROOT, 'dist', 'apps', 'example', 'main.js');
const LISTENING = /orders API listening on (http:\/\/\S+) /;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The built example (`node dist/apps/example/main.js`) as a real process, as `npm start` runs it:
 * its own environment, output kept for assertions, port chosen by the OS (`PORT=0`).
 */
export class ExampleAppProcess {
  private output = '';
  readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  }

  /** Starts the app and resolves once it prints where it listens. */
  static async start(env: Record<string, string>): Promise<ExampleAppProcess> {
    const childEnv = { PATH: process.env.PATH, NO_COLOR: '1', PORT: '0', ...env };
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new ExampleAppProcess(child, childEnv);
    let exit: Exit | undefined;
    void app.exited.then((value) => (exit = value));
    await pollUntil(() => exit !== undefined || LISTENING.test(app.output), {
      what: 'the example app to listen',
      timeoutMs: 20_000,
    }).catch((error) => app.failWith(error));
    if (exit) app.failWith(new Error(`the example app exited during start with code ${exit.code}`));
    return app;
  }

  get url(): string {
    return LISTENING.exec(this.output)![1];
  }

  get logs(): string {
    return this.output;
  }

  get pid(): number {
    return this.child.pid!;
  }

  environment(name: string): string | undefined {
    return this.env[name];
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.url + path, { ...init, signal: AbortSignal.timeout(5_000) });
  }

  /** Polls `path` until it answers `status` (and `text`, when given); resolves the ms it took. */
  async waitFor(path: string, status: number, timeoutMs = 10_000, text?: string): Promise<number> {
    const answers = async () => {
      const response = await this.fetch(path).catch(() => undefined);
      if (response?.status !== status) return false;
      return text === undefined || (await response.text()) === text;
    };
    return pollUntil(answers, {
      what: `${path} to answer ${status} ${text ?? ''}`,
      timeoutMs,
    }).catch((error) => this.failWith(error));
  }

  /** Waits until the app has logged `text` (logs trail the events they report). */
  async waitForLog(text: string, timeoutMs = 5_000): Promise<void> {
    await pollUntil(() => this.output.includes(text), {
      what: `the log line "${text}"`,
      timeoutMs,
    }).catch((error) => this.failWith(error));
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process whatever state it is in. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private failWith(error: Error): never {
    throw new Error(`${error.message}\n--- example app output ---\n${this.output}`);
  }
}
