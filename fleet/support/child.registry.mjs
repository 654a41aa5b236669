/**
 * Every process group this run spawned and has not seen exit (the replicas). An `exit` hook
 * SIGKILLs what is left, whatever ends the run (an error, Ctrl-C, the watchdog): the run kills
 * only what it started, by process group id, never by name.
 */
const groups = new Set();
let hooked = false;

export function trackGroup(pgid) {
  hookExit();
  groups.add(pgid);
}

export function forgetGroup(pgid) {
  groups.delete(pgid);
}

/** Sends `signal` to the group; false when it is already gone. */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function killAllGroups() {
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  groups.clear();
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllGroups);
}
