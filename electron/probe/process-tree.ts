/**
 * Killing a tool together with everything it started. A wrapper script around a hung driver call
 * leaves its real work in a grandchild; killing only the direct child orphans it and keeps our pipe
 * open. On POSIX each tool runs as the leader of its own process group and the group is killed; on
 * Windows `taskkill /T` walks the tree.
 */
import { execFile, type ChildProcess } from 'node:child_process';

export const IS_WINDOWS = process.platform === 'win32';

/** Groups still alive, killed when this process exits (a CLI stopped mid-scan leaves no tool behind). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Ctrl+C reaches the terminal's foreground group, which our tools left: kill them ourselves. With no
 * other listener, the signal is raised again so the process ends as it would have without this one.
 */
function onStopSignal(signal: NodeJS.Signals): void {
  liveGroups.forEach(killGroupNow);
  if (process.listenerCount(signal) > 1) return; // someone else decides what the signal means
  process.off(signal, onStopSignal);
  process.kill(process.pid, signal);
}

function killGroupNow(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Remembers a tool started with `detached: true` (its pid is its process group id). */
export function trackGroup(child: ChildProcess): void {
  if (IS_WINDOWS || child.pid === undefined) return;
  liveGroups.add(child.pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => liveGroups.forEach(killGroupNow));
  process.on('SIGINT', onStopSignal);
  process.on('SIGTERM', onStopSignal);
}

/** SIGKILL to the tool and all it started; safe to call twice or after it exited. */
export function killTree(child: ChildProcess | undefined): void {
  const pid = child?.pid;
  if (pid === undefined) return;
  if (IS_WINDOWS) {
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => {});
    return;
  }
  killGroupNow(pid);
  liveGroups.delete(pid);
}

/** The tool ended on its own: its group needs no killing at exit. */
export function forgetGroup(child: ChildProcess): void {
  if (child.pid !== undefined) liveGroups.delete(child.pid);
}
