import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { sep } from 'node:path';

/** A process that has not exited (zombies excluded), as /proc shows it. */
export interface RunningProcess {
  pid: number;
  pgid: number;
  /** Its working directory; undefined when it is not ours to read. */
  cwd: string | undefined;
}

/**
 * Every process that still runs. Zombies are left out: this machine's init reaps orphaned zombies
 * only after a while, and `kill(-pgid, 0)` would count them.
 */
export function runningProcesses(): RunningProcess[] {
  const found: RunningProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.state !== 'Z')
      found.push({ pid: Number(entry), pgid: stat.pgid, cwd: readCwd(entry) });
  }
  return found;
}

/** Whether `path` is `dir` or inside it. */
export function isInside(path: string | undefined, dir: string): boolean {
  return path !== undefined && (path === dir || path.startsWith(dir + sep));
}

/** `kill(2)` (a negative `pid` names a group); false when no such process is left. */
export function sendSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Whether every thread of `pid` has stopped (state `T`), or it is gone. `kill(SIGSTOP)` returns
 * before the threads of a busy process actually stop, so a query sent right after may still be
 * answered.
 */
export function isStopped(pid: number): boolean {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return true;
  }
  return threads.every((tid) => {
    const stat = readStat(`${pid}/task/${tid}`);
    return stat === undefined || stat.state === 'T' || stat.state === 'Z';
  });
}

function readStat(pid: string): { state: string; pgid: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited while we listed /proc
  }
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
  const [state, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, pgid: Number(pgid) };
}

function readCwd(pid: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}
