// Tells a busy sidecar from a hung or stuck one, from two independent signals:
//  - silence: health checks go unanswered AND the process prints nothing at all (not even a late
//    answer to an earlier check, or an analyze result). A SIGSTOPped or deadlocked process is
//    silent; a busy one is not: its reader thread answers health at once, at worst a little late
//    while spaCy holds Python's interpreter lock. So a late answer never counts against it.
//  - no progress: health is answered, but the request being worked on has run far beyond any
//    request's deadline (`busy_s`) and `requests_done` has not moved for as long: an analysis
//    stuck in a loop, which health answers alone would never reveal.
// Clock-free for silence (it compares counts of output lines), so a test drives it without time.
import type { HealthData } from '../protocol/sidecar';

export interface LivenessOptions {
  /** Silent failed health checks in a row that mean "hung". */
  failuresToRestart: number;
  /** How long one request may run, with no request finishing, before the sidecar counts as stuck. */
  stuckAfterMs(): number;
  now(): number;
}

export type LivenessVerdict = { replace: false; failures: number } | { replace: true; reason: string };

export class LivenessMonitor {
  private failures = 0;
  /** Output lines seen when the current streak of silent failures began. */
  private streakStartLines = 0;
  private progress: { done: number; since: number } | undefined;

  constructor(private readonly options: LivenessOptions) {}

  /** A new process: nothing is known about it yet. */
  reset(): void {
    this.failures = 0;
    this.streakStartLines = 0;
    this.progress = undefined;
  }

  /** A health check was answered in time. Replace the sidecar only if its work has not moved. */
  answered(health: HealthData): LivenessVerdict {
    this.failures = 0;
    const { busy_s: busy, requests_done: done } = health;
    // An older sidecar without progress fields: its health answers are all we can judge.
    if (busy === undefined || done === undefined) return { replace: false, failures: 0 };
    const now = this.options.now();
    if (!this.progress || this.progress.done !== done) this.progress = { done, since: now };
    const limit = this.options.stuckAfterMs();
    const busyMs = busy * 1000;
    if (busyMs >= limit && now - this.progress.since >= limit) {
      return {
        replace: true,
        reason:
          `the sidecar has worked on one request for ${Math.round(busy)} s and finished none for ` +
          `${Math.round((now - this.progress.since) / 1000)} s (limit ${Math.round(limit / 1000)} s): stuck`,
      };
    }
    return { replace: false, failures: 0 };
  }

  /**
   * A health check failed (no answer in time, or a bad one). `linesAtSend`: output lines the
   * process had printed when the check was sent; `linesNow`: printed by now.
   */
  failed(linesAtSend: number, linesNow: number, message: string): LivenessVerdict {
    if (linesNow > linesAtSend) {
      // It spoke after this check was sent (a late answer, a result): alive, just slow.
      this.failures = 0;
      return { replace: false, failures: 0 };
    }
    if (this.failures === 0 || linesNow > this.streakStartLines) {
      // First silent failure, or the process spoke since the streak began: a new streak.
      this.failures = 1;
      this.streakStartLines = linesAtSend;
    } else {
      this.failures += 1;
    }
    if (this.failures >= this.options.failuresToRestart) {
      return {
        replace: true,
        reason: `the sidecar failed ${this.failures} health checks in a row and printed nothing meanwhile (last: ${message})`,
      };
    }
    return { replace: false, failures: this.failures };
  }
}
