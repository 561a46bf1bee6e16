// A sidecar handle the unit tests drive (worker, pool, entity rules): it answers health checks
// at once unless hung, records every other request for the test to answer or fail, and dies like a
// real process (exit listeners first, then the requests in flight fail).
import type { HealthData, ModelLoaded, SidecarAction } from '../../server/src/protocol/sidecar';
import { SidecarError } from '../../server/src/sidecar/errors';
import type { SidecarHandle } from '../../server/src/sidecar/sidecarProcess';
import type { SidecarConfig } from '../../server/src/sidecar/sidecarWorker';

/** A worker's settings for unit tests: health checks rare unless a test asks for them. */
export const TEST_SIDECAR_CONFIG: SidecarConfig = {
  path: '',
  pipeline: 'p',
  startTimeoutMs: 1000,
  healthCheckIntervalMs: 60_000,
  healthCheckTimeoutMs: 50,
  requestTimeoutMs: 5000,
};

/** A restart policy whose backoff takes milliseconds, so crash tests run at once. */
export const FAST_RESTART_POLICY = { baseDelayMs: 1, maxDelayMs: 8, maxCrashes: 5, windowMs: 180_000 };

export interface FakeCall {
  body: SidecarAction;
  resolve(data: unknown): void;
  reject(error: Error): void;
}

export class FakeHandle implements SidecarHandle {
  readonly calls: FakeCall[] = [];
  /** Answers no health check (a SIGSTOPped process). */
  hung = false;
  dead = false;
  /** What its health checks report beyond the basics (progress fields). */
  progress: Pick<HealthData, 'busy_s' | 'requests_done' | 'queued'> = {};
  rssBytes = 100_000_000;
  outputLines = 0;
  /** Health checks received (answered or not). */
  healthChecks = 0;
  /** Each process's shutdown: whether it was asked to abandon its work. */
  shutdowns: { abandon: boolean }[] = [];
  private listeners: ((reason: string) => void)[] = [];
  readonly info: ModelLoaded;

  constructor(readonly pid: number) {
    this.info = { status: 'model_loaded', protocol: 1, model: 'fake', model_version: '1', pid };
  }

  request(body: SidecarAction, timeoutMs: number): Promise<unknown> {
    if (this.dead) return Promise.reject(new SidecarError('SIDECAR_EXITED', 'dead', true));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SidecarError('SIDECAR_REQUEST_TIMEOUT', `no answer within ${timeoutMs} ms`, false)),
        timeoutMs,
      );
      const call: FakeCall = {
        body,
        resolve: (data) => {
          clearTimeout(timer);
          this.outputLines += 1;
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (body.action === 'health_check') this.healthChecks += 1;
      if (body.action === 'health_check' && !this.hung) {
        call.resolve(this.health());
        return;
      }
      this.calls.push(call);
    });
  }

  /** Pending requests of one action. */
  pending(action: SidecarAction['action']): FakeCall[] {
    return this.calls.filter((call) => call.body.action === action);
  }

  /** Answers the oldest pending request of `action` and removes it. */
  answer(action: SidecarAction['action'], data: unknown): void {
    const index = this.calls.findIndex((call) => call.body.action === action);
    if (index < 0) throw new Error(`no pending ${action} request on fake ${this.pid}`);
    const [call] = this.calls.splice(index, 1);
    call.resolve(data);
  }

  health(): HealthData {
    return {
      status: 'healthy',
      model: 'fake',
      model_version: '1',
      spacy_version: '0',
      frozen: false,
      uptime_s: 1,
      rss_bytes: this.rssBytes,
      ...this.progress,
    };
  }

  onExit(listener: (reason: string) => void): void {
    if (this.dead) listener('exited earlier');
    else this.listeners.push(listener);
  }

  /** Dies like a real process: exit listeners first, then the requests in flight fail. */
  crash(reason = 'exited with code 1'): void {
    if (this.dead) return;
    this.dead = true;
    for (const listener of this.listeners.splice(0)) listener(reason);
    for (const call of this.calls.splice(0)) call.reject(new SidecarError('SIDECAR_EXITED', reason, true));
  }

  async shutdown(_graceMs: number, options: { abandon?: boolean } = {}): Promise<void> {
    this.shutdowns.push({ abandon: options.abandon === true });
    this.crash('exited with code 0');
  }

  kill(): void {
    this.crash('was killed by SIGKILL');
  }
}

/** An `analyze` answer the way the sidecar gives it: one PERSON per text, spanning it. */
export function personAnswer(texts: string[], rules: string | null = null): unknown {
  return { results: texts.map((text) => ({ entities: [{ label: 'PERSON', text, start: 0, end: text.length }] })), rules };
}
