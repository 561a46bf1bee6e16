// Keeps one sidecar running: starts it, checks its health, restarts it with backoff after a crash,
// gives up after a crash loop until the user restarts it, and re-sends a request that was in
// flight when the process died (once). vscode-languageclient restarts only the Node server, so the
// sidecar's policy lives here.
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { SidecarState, SidecarStatusParams } from '../../../shared/lsp';
import {
  AnalyzeDataSchema,
  HealthDataSchema,
  type Entity,
  type HealthData,
  type ModelLoaded,
  type SidecarAction,
} from '../protocol/sidecar';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartPolicyOptions } from './backoff';
import { SidecarError } from './errors';
import type { SidecarHandle } from './sidecarProcess';

export interface SidecarConfig {
  /** The `samsara.sidecar.path` setting ('' = default); located again at every start. */
  path: string;
  pipeline: string;
  startTimeoutMs: number;
  healthCheckIntervalMs: number;
  healthCheckTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface SupervisorOptions {
  launch(config: SidecarConfig): Promise<SidecarHandle>;
  onStatus(status: SidecarStatusParams): void;
  log: Logger;
  policy?: RestartPolicyOptions;
  healthFailuresToRestart?: number;
  /** After this long ready, the next crash restarts the backoff from its base. */
  stableAfterMs?: number;
  shutdownGraceMs?: number;
  now?(): number;
}

interface Waiter {
  resolve(handle: SidecarHandle): void;
  reject(error: Error): void;
}

export class SidecarSupervisor {
  private stateValue: SidecarState = 'stopped';
  private reasonValue: string | undefined = 'not started';
  private current: SidecarHandle | undefined;
  /** Bumped by every launch and every deliberate stop: events of older generations are ignored. */
  private generation = 0;
  private waiters: Waiter[] = [];
  private readonly policy: RestartPolicy;
  private readonly policyOptions: RestartPolicyOptions;
  private readonly shutdownGraceMs: number;
  private healthTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private healthFailures = 0;
  private healthInFlight = false;
  private killReason: string | undefined;
  private disposed = false;

  constructor(
    private configValue: SidecarConfig,
    private readonly options: SupervisorOptions,
  ) {
    this.policyOptions = options.policy ?? DEFAULT_RESTART_POLICY;
    this.policy = new RestartPolicy(this.policyOptions);
    this.shutdownGraceMs = options.shutdownGraceMs ?? 2000;
  }

  get config(): SidecarConfig {
    return this.configValue;
  }

  get state(): SidecarState {
    return this.stateValue;
  }

  get reason(): string | undefined {
    return this.reasonValue;
  }

  /** The ready sidecar's handshake (model, labels), if one is ready. */
  get info(): ModelLoaded | undefined {
    return this.stateValue === 'ready' ? this.current?.info : undefined;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Starts the sidecar; resolves when it is ready or has stopped (never rejects). */
  start(): Promise<void> {
    return this.launch('starting');
  }

  /**
   * Applies new settings. Only the path and pipeline need a new process; the timings apply to the
   * running one (the start timeout to the next launch, which reads the config then).
   */
  async updateConfig(config: SidecarConfig): Promise<void> {
    const old = this.configValue;
    this.configValue = config;
    if (old.path !== config.path || old.pipeline !== config.pipeline) {
      await this.restart('the sidecar settings changed');
    } else if (old.healthCheckIntervalMs !== config.healthCheckIntervalMs && this.stateValue === 'ready') {
      this.armHealthChecks();
    }
  }

  /** A restart on demand: works from any state, including stopped, and forgets the crash history. */
  async restart(reason = 'restart requested'): Promise<void> {
    if (this.disposed) return;
    this.options.log.info(`Restarting the sidecar: ${reason}`);
    this.policy.reset();
    const old = this.current;
    this.invalidate();
    this.setState('restarting', reason);
    if (old) await old.shutdown(this.shutdownGraceMs);
    await this.launch('restarting');
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const old = this.current;
    this.invalidate();
    this.stateValue = 'stopped';
    this.reasonValue = 'the server is shutting down';
    this.rejectWaiters(new SidecarError('SIDECAR_STOPPED', 'The language server is shutting down', false));
    if (old) await old.shutdown(this.shutdownGraceMs);
  }

  /** Entities of each text, in order (offsets in UTF-16 units, relative to that text). */
  async analyze(texts: string[]): Promise<Entity[][]> {
    const data = parseData(AnalyzeDataSchema, await this.request({ action: 'analyze', texts }), 'analyze');
    if (data.results.length !== texts.length) {
      throw new SidecarError(
        'SIDECAR_BAD_RESPONSE',
        `The sidecar answered ${data.results.length} results for ${texts.length} texts`,
        false,
      );
    }
    return data.results.map((result) => result.entities);
  }

  /** The ready sidecar's health report (model, versions, memory). */
  async health(): Promise<HealthData> {
    return parseData(
      HealthDataSchema,
      await this.request({ action: 'health_check' }, this.configValue.healthCheckTimeoutMs),
      'health_check',
    );
  }

  /**
   * Sends a request when the sidecar is ready. If the process dies while it is in flight, it is
   * sent once more to the restarted sidecar; a second loss is reported to the caller.
   */
  private async request(body: SidecarAction, timeoutMs = this.configValue.requestTimeoutMs): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const handle = await this.whenReady();
      try {
        return await handle.request(body, timeoutMs);
      } catch (error) {
        if (attempt === 1 && error instanceof SidecarError && error.code === 'SIDECAR_EXITED' && !this.disposed) {
          this.options.log.info(`Sidecar died with a request in flight (${body.action}); sending it again after the restart`);
          continue;
        }
        throw error;
      }
    }
  }

  private whenReady(): Promise<SidecarHandle> {
    if (this.stateValue === 'ready' && this.current) return Promise.resolve(this.current);
    if (this.stateValue === 'stopped') {
      return Promise.reject(new SidecarError('SIDECAR_STOPPED', `The sidecar is stopped: ${this.reasonValue ?? 'unknown reason'}`, false));
    }
    return new Promise<SidecarHandle>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private async launch(state: 'starting' | 'restarting'): Promise<void> {
    if (this.disposed) return;
    const generation = ++this.generation;
    if (this.stateValue !== state) this.setState(state, state === 'restarting' ? this.reasonValue : undefined);
    let handle: SidecarHandle;
    try {
      handle = await this.options.launch(this.configValue);
    } catch (error) {
      if (generation !== this.generation) return;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log.error(`Sidecar start failed: ${message}`);
      if (error instanceof SidecarError && !error.retryable) this.enterStopped(message);
      else this.onCrash(generation, message);
      return;
    }
    if (generation !== this.generation) {
      // A restart or dispose overtook this start: this process is not wanted.
      await handle.shutdown(this.shutdownGraceMs);
      return;
    }
    this.current = handle;
    this.healthFailures = 0;
    handle.onExit((reason) => this.onCrash(generation, this.killReason ?? `the sidecar ${reason}`));
    this.setState('ready', undefined, handle);
    this.armHealthChecks();
    this.stableTimer = setTimeout(() => this.policy.markStable(), this.options.stableAfterMs ?? 60_000);
    this.stableTimer.unref();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(handle);
  }

  private onCrash(generation: number, reason: string): void {
    if (generation !== this.generation || this.disposed) return;
    this.killReason = undefined;
    this.clearTimers();
    this.current = undefined;
    const decision = this.policy.recordCrash(this.now());
    if (decision.action === 'stop') {
      const windowMin = Math.round(this.policyOptions.windowMs / 60_000);
      this.enterStopped(
        `The sidecar failed ${decision.crashesInWindow} times within ${windowMin} minutes (last: ${reason}). ` +
          `Run "Samsara: Restart Sidecar" from the Command Palette (in other editors: the LSP command samsara.restartSidecar) to try again.`,
      );
      return;
    }
    this.options.log.warn(`Sidecar lost (${reason}); restarting in ${decision.delayMs} ms`);
    this.setState('restarting', reason);
    this.retryTimer = setTimeout(() => void this.launch('restarting'), decision.delayMs);
  }

  private enterStopped(reason: string): void {
    this.clearTimers();
    this.current = undefined;
    this.setState('stopped', reason);
    this.rejectWaiters(new SidecarError('SIDECAR_STOPPED', `The sidecar is stopped: ${reason}`, false));
  }

  private armHealthChecks(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = setInterval(() => void this.checkHealth(), this.configValue.healthCheckIntervalMs);
    this.healthTimer.unref();
  }

  private async checkHealth(): Promise<void> {
    const handle = this.current;
    if (!handle || this.healthInFlight || this.stateValue !== 'ready') return;
    this.healthInFlight = true;
    try {
      parseData(HealthDataSchema, await handle.request({ action: 'health_check' }, this.configValue.healthCheckTimeoutMs), 'health_check');
      this.healthFailures = 0;
    } catch (error) {
      if (handle !== this.current) return;
      this.healthFailures += 1;
      const limit = this.options.healthFailuresToRestart ?? 3;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log.warn(`Sidecar health check ${this.healthFailures}/${limit} failed: ${message}`);
      if (this.healthFailures >= limit) {
        // A hung process (SIGSTOP, a deadlock) ignores SIGTERM: kill it; its exit triggers the restart.
        this.killReason = `the sidecar failed ${limit} health checks in a row (last: ${message})`;
        handle.kill();
      }
    } finally {
      this.healthInFlight = false;
    }
  }

  private setState(state: SidecarState, reason: string | undefined, handle?: SidecarHandle): void {
    this.stateValue = state;
    this.reasonValue = reason;
    const status: SidecarStatusParams = { state };
    if (reason !== undefined) status.reason = reason;
    if (handle) {
      status.model = handle.info.model;
      status.modelVersion = handle.info.model_version;
      if (handle.pid !== undefined) status.pid = handle.pid;
    }
    this.options.log.info(`Sidecar ${state}${reason ? `: ${reason}` : ''}${handle?.pid ? ` (pid ${handle.pid})` : ''}`);
    this.options.onStatus(status);
  }

  private invalidate(): void {
    this.generation++;
    this.clearTimers();
    this.current = undefined;
    this.killReason = undefined;
  }

  private clearTimers(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.healthTimer = this.retryTimer = this.stableTimer = undefined;
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}

/** Every answer is checked against the protocol's schema: a mismatch is reported, never trusted. */
function parseData<T>(schema: z.ZodType<T>, data: unknown, action: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SidecarError(
    'SIDECAR_BAD_RESPONSE',
    `The sidecar answered ${action} with data that does not match protocol 1: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    false,
  );
}
