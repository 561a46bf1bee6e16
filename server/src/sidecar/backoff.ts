// Restart policy of the sidecar: exponential backoff between attempts, and a crash-loop breaker
// that gives up after too many crashes in a sliding window (the user restarts it by command).
export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 3 * 60_000,
};

export type RestartDecision = { action: 'retry'; delayMs: number } | { action: 'stop'; crashesInWindow: number };

export class RestartPolicy {
  private crashTimes: number[] = [];
  private consecutive = 0;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Records a crash at `now` and says whether to retry (after how long) or stop. */
  recordCrash(now: number): RestartDecision {
    this.crashTimes = this.crashTimes.filter((t) => now - t < this.options.windowMs);
    this.crashTimes.push(now);
    if (this.crashTimes.length >= this.options.maxCrashes) {
      return { action: 'stop', crashesInWindow: this.crashTimes.length };
    }
    const delayMs = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** this.consecutive);
    this.consecutive += 1;
    return { action: 'retry', delayMs };
  }

  /** The sidecar has been healthy for a while: the next crash starts the backoff from its base. */
  markStable(): void {
    this.consecutive = 0;
  }

  /** A restart the user asked for forgets the history. */
  reset(): void {
    this.crashTimes = [];
    this.consecutive = 0;
  }
}
