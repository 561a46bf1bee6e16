// A counting semaphore whose waiters can give up (abort) and whose limit can change at run
// time (the concurrency setting). One per provider keeps a burst of probes polite, and holds
// the provider's rate-limit pauses: after a 429 that says when to come back, no request of that
// provider starts before then — every probe or campaign job sharing it waits, not only the one
// that was told.

/** The time source of the pauses (tests give a virtual one). */
export interface PauseClock {
  now(): number;
  /** Resolves after ms; rejects when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: PauseClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  /** No slot is granted before this instant (the provider asked for a pause). */
  private resumeAt = 0;

  constructor(
    private limit: number,
    private readonly clock: PauseClock = REAL_CLOCK,
  ) {}

  /** The provider asked every request to wait ms (Retry-After, a rate-limit reset header). */
  pauseFor(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, this.clock.now() + Math.max(0, ms));
  }

  /** When the current pause ends (0: none was asked for). */
  get pausedUntil(): number {
    return this.resumeAt;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.drain();
  }

  get inUse(): number {
    return this.active;
  }

  /** A slot, once the provider's pause (if any) is over; rejects when the signal aborts. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      for (let wait = this.resumeAt - this.clock.now(); wait > 0; wait = this.resumeAt - this.clock.now())
        await this.clock.sleep(wait, signal);
      const release = await this.slot(signal);
      // A pause asked for while this one queued for its slot holds it too.
      if (this.resumeAt <= this.clock.now()) return release;
      release();
    }
  }

  private async slot(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.drain();
    };
  }

  private drain(): void {
    while (this.active < this.limit && this.waiters.length > 0) {
      this.active++;
      this.waiters.shift()?.();
    }
  }
}

/** One semaphore per provider id, shared by every probe in this process. */
export class ProviderLimits {
  private readonly byProvider = new Map<string, Semaphore>();

  constructor(
    private limit: number,
    private readonly clock: PauseClock = REAL_CLOCK,
  ) {}

  setLimit(limit: number): void {
    this.limit = limit;
    for (const semaphore of this.byProvider.values()) semaphore.setLimit(limit);
  }

  for(provider: string): Semaphore {
    let semaphore = this.byProvider.get(provider);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit, this.clock);
      this.byProvider.set(provider, semaphore);
    }
    return semaphore;
  }
}
