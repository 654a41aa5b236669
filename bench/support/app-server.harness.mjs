import { fork } from 'node:child_process';
import { ROOT } from './bench.config.mjs';

const START_WITHIN_MS = 30_000;
const STOP_WITHIN_MS = 10_000;

/**
 * Forks `modulePath` (which calls `serveOverIpc`) with `args`, with this process's node flags plus
 * `nodeFlags`. `ready` resolves `{ port, pid }` once the app listens; `request(message, answerType)`
 * sends a message and resolves the first answer of that type; `stop()` ends the app cleanly
 * (SIGKILL after 10 s).
 */
export function startAppServer(modulePath, args, { label, nodeFlags = [] }) {
  const child = fork(modulePath, args, {
    cwd: ROOT,
    execArgv: [...process.execArgv, ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} server did not start in ${START_WITHIN_MS / 1000} s`)),
      START_WITHIN_MS,
    );
    child.once('exit', (code) =>
      reject(new Error(`${label} server exited with ${code} before listening`)),
    );
    child.on('message', (message) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
  });
  const request = (message, answerType) =>
    new Promise((resolve) => {
      const onMessage = (answer) => {
        if (answer?.type !== answerType) return;
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.send('stop');
    });
  return { child, ready, request, stop };
}
