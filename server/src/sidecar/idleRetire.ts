// When the pool's extra workers retire: each worker past the first is stopped after it has had
// nothing to do for `samsara.sidecar.idleRetireSeconds`, so a writer who just types keeps one
// spaCy process, not one per core (each holds ~140 MB). A retired worker is not a crash: the pool
// starts it again as soon as work waits for it (a scan, a backlog). Timers are injected so tests
// drive the quiet minute without waiting for it.

/** setTimeout/clearTimeout, or a test's fake clock. */
export interface PoolTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: PoolTimers = {
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A quiet pool must not keep the server alive at exit.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One quiet timer per worker: armed when it falls idle, cleared when it gets work. */
export class IdleRetirement<W> {
  private readonly timers = new Map<W, unknown>();

  constructor(
    private readonly clock: PoolTimers,
    /** How long idle before retiring (ms); 0: never. */
    private readonly delayMs: () => number,
    private readonly retire: (worker: W) => void,
  ) {}

  /** `worker` has nothing to do from now on: it retires after the quiet delay unless it gets work. */
  idle(worker: W): void {
    this.busy(worker);
    const delay = this.delayMs();
    if (delay <= 0) return;
    this.timers.set(
      worker,
      this.clock.setTimeout(() => {
        this.timers.delete(worker);
        this.retire(worker);
      }, delay),
    );
  }

  /** `worker` got work (or stopped, or left the pool): no retirement pending. */
  busy(worker: W): void {
    const timer = this.timers.get(worker);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.timers.delete(worker);
  }

  clear(): void {
    for (const worker of [...this.timers.keys()]) this.busy(worker);
  }
}
