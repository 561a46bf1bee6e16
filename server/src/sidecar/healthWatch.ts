// The periodic health checks of one sidecar process, judged by the liveness rules (liveness.ts):
// a hung or stuck process is reported once through `onDead`, and the worker replaces it.
import type { Logger } from '../logger';
import { HealthDataSchema, type HealthData } from '../protocol/sidecar';
import { SidecarError } from './errors';
import { LivenessMonitor, type LivenessVerdict } from './liveness';
import { parseAnswer } from './parseAnswer';
import type { SidecarHandle } from './sidecarProcess';

export interface HealthWatchOptions {
  intervalMs: number;
  timeoutMs: number;
  failuresToRestart: number;
  stuckAfterMs(): number;
  now(): number;
  /** How log lines name the worker ("Sidecar", "Sidecar 2"). */
  name: string;
  log: Logger;
  onHealth(health: HealthData): void;
  /** The process is hung or stuck: kill it. Called at most once. */
  onDead(reason: string): void;
}

export class HealthWatch {
  private readonly timer: NodeJS.Timeout;
  private readonly liveness: LivenessMonitor;
  private inFlight = false;
  private stopped = false;
  /** Checks sent (answered or not): shows that liveness was actually watched. */
  checks = 0;

  constructor(
    private readonly handle: SidecarHandle,
    private readonly options: HealthWatchOptions,
  ) {
    this.liveness = new LivenessMonitor({
      failuresToRestart: options.failuresToRestart,
      stuckAfterMs: options.stuckAfterMs,
      now: options.now,
    });
    this.timer = setInterval(() => void this.check(), options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.inFlight || this.stopped) return;
    this.inFlight = true;
    this.checks += 1;
    const linesAtSend = this.handle.outputLines;
    try {
      const health = parseAnswer(
        HealthDataSchema,
        await this.handle.request({ action: 'health_check' }, this.options.timeoutMs),
        'health_check',
      );
      if (this.stopped) return;
      this.options.onHealth(health);
      this.judge(this.liveness.answered(health));
    } catch (error) {
      if (this.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      const verdict = this.liveness.failed(linesAtSend, this.handle.outputLines, message);
      if (!verdict.replace && verdict.failures > 0) {
        this.options.log.warn(`${this.options.name} health check failed (${verdict.failures} in a row): ${message}`);
      } else if (!verdict.replace && error instanceof SidecarError && error.code === 'SIDECAR_BAD_RESPONSE') {
        // It answered (so it lives), but not as protocol 1 says: worth a line, not a kill.
        this.options.log.warn(`${this.options.name} health check: ${message}`);
      } else if (!verdict.replace) {
        this.options.log.debug(`${this.options.name} health check late, but the sidecar is working: ${message}`);
      }
      this.judge(verdict);
    } finally {
      this.inFlight = false;
    }
  }

  private judge(verdict: LivenessVerdict): void {
    if (!verdict.replace) return;
    this.stop();
    this.options.onDead(verdict.reason);
  }
}
