// A counting semaphore whose waiters can give up (abort) and whose limit can change at run
// time (the concurrency setting). One per provider keeps a burst of probes polite.
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.drain();
  }

  get inUse(): number {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
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

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = limit;
    for (const semaphore of this.byProvider.values()) semaphore.setLimit(limit);
  }

  for(provider: string): Semaphore {
    let semaphore = this.byProvider.get(provider);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.byProvider.set(provider, semaphore);
    }
    return semaphore;
  }
}
