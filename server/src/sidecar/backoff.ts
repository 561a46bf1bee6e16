// Restart policy of the sidecar: exponential backoff between attempts, and a crash-loop breaker
// that gives up after too many crashes in a sliding window (the user restarts it by command).
// Kills (a sidecar stuck or unanswering, killed by the supervisor) count in a longer window of
// their own: a hostile input that stalls every fresh process is killed only every minute or two,
// too slowly for the crash window, and would otherwise loop for ever (issue 20, attack 2).
export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  maxCrashes: number;
  windowMs: number;
  /** Kills within `killWindowMs` that stop the restarts. */
  maxKills?: number;
  killWindowMs?: number;
}

export type CrashKind = 'crash' | 'killed';

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 3 * 60_000,
  maxKills: 3,
  killWindowMs: 30 * 60_000,
};

export type RestartDecision = { action: 'retry'; delayMs: number } | { action: 'stop'; crashesInWindow: number };

export class RestartPolicy {
  private crashTimes: number[] = [];
  private killTimes: number[] = [];
  private consecutive = 0;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Records a crash (or a kill) at `now` and says whether to retry (after how long) or stop. */
  recordCrash(now: number, kind: CrashKind = 'crash'): RestartDecision {
    this.crashTimes = this.crashTimes.filter((t) => now - t < this.options.windowMs);
    this.crashTimes.push(now);
    if (this.crashTimes.length >= this.options.maxCrashes) {
      return { action: 'stop', crashesInWindow: this.crashTimes.length };
    }
    const { maxKills, killWindowMs } = { ...DEFAULT_RESTART_POLICY, ...this.options };
    if (kind === 'killed' && maxKills !== undefined && killWindowMs !== undefined) {
      this.killTimes = this.killTimes.filter((t) => now - t < killWindowMs);
      this.killTimes.push(now);
      if (this.killTimes.length >= maxKills) return { action: 'stop', crashesInWindow: this.killTimes.length };
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
    this.killTimes = [];
    this.consecutive = 0;
  }
}
