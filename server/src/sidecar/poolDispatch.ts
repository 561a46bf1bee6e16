// Where a sidecar pool's requests go (sidecarPool.ts keeps the workers' lifecycle and scaling):
// to the first free ready worker, so work gathers on the first workers and the extra ones fall
// idle and retire (idleRetire.ts); with every worker busy, a retired one starts again and the
// request waits in the pool (the backlog) rather than in a busy worker's stdin. A request lost with
// a process that died is sent once more, to whichever worker is ready then.
import type { Logger } from '../logger';
import type { SidecarState } from '../../../shared/lsp';
import type { SidecarAction } from '../protocol/sidecar';
import { SidecarError } from './errors';
import { IdleRetirement, type PoolTimers } from './idleRetire';
import type { SidecarWorker } from './sidecarWorker';

/** What the dispatch reads of its pool. */
export interface DispatchHost {
  /** The pool's workers, in order (the pool changes this list in place). */
  readonly workers: readonly SidecarWorker[];
  /** No new work: shutdown began. */
  closing(): boolean;
  /** `samsara.sidecar.idleRetireSeconds` in ms. */
  idleRetireMs(): number;
  /** Resolves when a worker is ready; rejects when none can be. */
  whenAnyReady(): Promise<void>;
  nameOf(worker: SidecarWorker): string;
  log: Logger;
}

export class PoolDispatch {
  /** Requests waiting for a worker to fall free or to finish starting (the backlog). */
  private slotWaiters: (() => void)[] = [];
  /** How many requests wait in `readyWorker`; retired workers started again for them, not ready yet. */
  private waiting = 0;
  private readonly woken = new Set<SidecarWorker>();
  private readonly idle: IdleRetirement<SidecarWorker>;

  constructor(
    private readonly host: DispatchHost,
    timers: PoolTimers,
  ) {
    this.idle = new IdleRetirement(
      timers,
      () => host.idleRetireMs(),
      (worker) => this.retire(worker),
    );
  }

  /**
   * Sends a request to the least-loaded ready worker. If its process dies with the request in
   * flight, the request goes once more to a ready worker (the restarted one, or another); a
   * second loss is reported to the caller.
   */
  async request(body: SidecarAction): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      // A ready worker is taken without an await, so the request reaches its stdin before the
      // caller goes on (an edit's window is written while the rest of its run is still built).
      const worker = this.pick() ?? (await this.readyWorker());
      this.idle.busy(worker);
      try {
        return await worker.send(body);
      } catch (error) {
        if (this.host.closing()) throw stopped('the language server is shutting down');
        if (attempt === 1 && error instanceof SidecarError && error.code === 'SIDECAR_EXITED') {
          const where = this.host.workers.length > 1 ? 'to a ready worker' : 'after the restart';
          this.host.log.info(`${this.host.nameOf(worker)} died with a request in flight (${body.action}); sending it again ${where}`);
          continue;
        }
        throw error;
      } finally {
        this.settled(worker);
      }
    }
  }

  /** A worker's state changed: its idle clock, and the requests waiting for a worker. */
  workerStatus(worker: SidecarWorker, state: SidecarState): void {
    if (state !== 'starting') this.woken.delete(worker);
    if (state === 'ready' && worker.inFlight === 0 && this.isExtra(worker)) this.idle.idle(worker);
    else if (state !== 'ready') this.idle.busy(worker);
    this.wake();
  }

  /** The pool no longer has `worker` (a smaller worker count): it never retires for idleness. */
  removed(worker: SidecarWorker): void {
    this.idle.busy(worker);
  }

  /** A new quiet delay applies to the workers idle now, not only from their next request. */
  idleDelayChanged(): void {
    for (const worker of this.host.workers)
      if (worker.state === 'ready' && worker.inFlight === 0 && this.isExtra(worker)) this.idle.idle(worker);
  }

  /** Requests waiting for a free worker look again (and may find the pool closing, or no worker). */
  wake(): void {
    for (const resolve of this.slotWaiters.splice(0)) resolve();
  }

  /** Shutdown: no worker retires any more. */
  clear(): void {
    this.idle.clear();
  }

  /** A request of `worker` ended: a waiting request may take it; idle, an extra worker may retire. */
  private settled(worker: SidecarWorker): void {
    if (worker.inFlight === 0 && worker.state === 'ready' && this.isExtra(worker)) this.idle.idle(worker);
    this.wake();
  }

  /** Past the first worker (the pool keeps one running), and not the only one ready. */
  private isExtra(worker: SidecarWorker): boolean {
    const workers = this.host.workers;
    return workers.indexOf(worker) > 0 && workers.some((w) => w !== worker && w.state === 'ready');
  }

  private retire(worker: SidecarWorker): void {
    if (!this.host.workers.includes(worker) || this.host.closing() || worker.inFlight > 0 || !this.isExtra(worker)) return;
    const seconds = Math.round(this.host.idleRetireMs() / 1000);
    void worker.retire(`no work for ${seconds} s (it starts again when work waits)`);
  }

  /** A worker for a request, picked when one is free or ready (so it is still ready when used). */
  private async readyWorker(): Promise<SidecarWorker> {
    this.waiting += 1;
    try {
      for (;;) {
        const worker = this.pick(true);
        if (worker) return worker;
        if (!this.host.workers.some((w) => w.state === 'ready')) await this.host.whenAnyReady();
        else await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
      }
    } finally {
      this.waiting -= 1;
    }
  }

  /**
   * A free ready worker, the first in order (so the work gathers on the first workers and the
   * extra ones fall idle and retire). All busy: a retired worker is started and the request waits
   * (undefined) until one falls free or that one is ready; with none to start, or none starting
   * again, the least-loaded ready worker takes it.
   */
  private pick(queued = false): SidecarWorker | undefined {
    if (this.host.closing()) throw stopped('the language server is shutting down');
    const ready = this.host.workers.filter((w) => w.state === 'ready');
    const free = ready.find((w) => w.inFlight === 0);
    if (free) return free;
    // One worker started again per request without one (this one included).
    const resting = this.host.workers.find((w) => w.retired);
    if (resting && this.woken.size < this.waiting + (queued ? 0 : 1)) {
      this.host.log.info(`${this.host.nameOf(resting)} starts again: work is waiting`);
      this.woken.add(resting);
      void resting.start();
    }
    // Waiting for a worker that is starting again beats queueing in a busy one's stdin.
    if (this.woken.size > 0 || ready.length === 0) return undefined;
    return ready.reduce<SidecarWorker | undefined>((best, w) => (!best || w.inFlight < best.inFlight ? w : best), undefined);
  }
}

/** The error of a request the pool will not send: it is stopped, or stopping. */
export function stopped(reason: string): SidecarError {
  return new SidecarError('SIDECAR_STOPPED', `The sidecar is stopped: ${reason}`, false);
}
