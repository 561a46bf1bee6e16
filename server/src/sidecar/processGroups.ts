// Process groups of the sidecars this server started and has not yet seen exit: whatever ends the
// server, they are killed with it (no orphan keeps a core and 200 MB).
const liveGroups = new Set<number>();

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
}

export function forgetGroup(pid: number): void {
  liveGroups.delete(pid);
}

/**
 * Kills every sidecar this process started, synchronously: for `process.on('exit')`, where
 * nothing asynchronous runs any more. (A `kill -9` of the server is covered by the sidecar
 * itself: it exits when its stdin closes.)
 */
export function killAllSidecarsSync(): void {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}
