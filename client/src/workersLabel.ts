// How the status item names the sidecar pool's strength: "(2/2 workers)" when there are several,
// nothing for a single worker (the common case on a small machine, where it would only be noise).
import type { SidecarStatusParams } from '../../shared/lsp';

export function workersLabel(status: SidecarStatusParams): string {
  const { workersReady: ready, workersTotal: total } = status;
  if (ready === undefined || total === undefined || total <= 1) return '';
  return ` (${ready}/${total} workers)`;
}

/** Ready, but some workers are not: worth a warning colour, not an error. */
export function isDegraded(status: SidecarStatusParams): boolean {
  return status.workersReady !== undefined && status.workersTotal !== undefined && status.workersReady < status.workersTotal;
}
