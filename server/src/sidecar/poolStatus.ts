// One status for the whole pool, from its workers' states: what the status item shows and what the
// server reacts to. The pool is ready while any worker is; it is stopped only when all are.
// A worker retired for want of work is neither missing nor counted: the pool is at full strength
// for the work it has.
import type { SidecarState, SidecarStatusParams } from '../../../shared/lsp';
import type { ModelLoaded } from '../protocol/sidecar';

export interface WorkerView {
  readonly state: SidecarState;
  readonly reason: string | undefined;
  readonly info: ModelLoaded | undefined;
  readonly pid: number | undefined;
  readonly retired?: boolean;
}

/** What an analysis needs first: a worker that serves, then one that will soon, then why none will. */
const PRECEDENCE: readonly SidecarState[] = ['ready', 'starting', 'restarting', 'stopped'];

export function poolStatus(all: readonly WorkerView[]): SidecarStatusParams {
  const active = all.filter((w) => w.retired !== true);
  // Never empty in a pool (its first worker never retires); a view of retired ones only is stopped.
  const workers = active.length > 0 ? active : all;
  const ready = workers.filter((w) => w.state === 'ready');
  const state = PRECEDENCE.find((s) => workers.some((w) => w.state === s)) ?? 'stopped';
  const status: SidecarStatusParams = { state, workersReady: ready.length, workersTotal: workers.length };
  const lead = workers.find((w) => w.state === state);
  if (state === 'ready') {
    const info = ready[0].info;
    if (info) {
      status.model = info.model;
      status.modelVersion = info.model_version;
    }
    if (ready[0].pid !== undefined) status.pid = ready[0].pid;
    // Serving, but not at full strength: say which worker is missing and why.
    const down = all.map((w, i) => ({ w, i })).filter(({ w }) => w.state !== 'ready' && w.retired !== true);
    if (down.length > 0) {
      status.reason = down.map(({ w, i }) => `worker ${i + 1} ${w.state}${w.reason ? `: ${w.reason}` : ''}`).join('; ');
    }
  } else if (lead?.reason !== undefined) {
    status.reason = lead.reason;
  }
  return status;
}
