// Keeps one sidecar process running (one worker of the pool): starts it, prepares it (entity
// rules) before it takes requests, checks its liveness, restarts it with backoff after a crash,
// and gives up after a crash loop until the user restarts it. Where requests go, and sending one
// again after a crash, is the pool's business (sidecarPool.ts): it may pick another worker.
// vscode-languageclient restarts only the Node server, so the sidecar's policy lives here.
// A worker the pool retires (idle) is stopped on purpose: neither that nor its later start is a crash.
import type { Logger } from '../logger';
import type { SidecarState, SidecarStatusParams, SidecarWorkerStats } from '../../../shared/lsp';
import { HealthDataSchema, type HealthData, type ModelLoaded, type SidecarAction } from '../protocol/sidecar';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartPolicyOptions } from './backoff';
import { SidecarError } from './errors';
import { HealthWatch } from './healthWatch';
import { parseAnswer } from './parseAnswer';
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

export interface WorkerOptions {
  launch(config: SidecarConfig): Promise<SidecarHandle>;
  onStatus(status: SidecarStatusParams): void;
  log: Logger;
  /** How log lines name this worker: "Sidecar" alone, "Sidecar 2" in a pool of several. */
  name?: string;
  /** Runs on every new process after its handshake, before it takes requests; a throw is a failed start. */
  prepare?(handle: SidecarHandle): Promise<void>;
  policy?: RestartPolicyOptions;
  healthFailuresToRestart?: number;
  /** One request running this long with none finishing means stuck (default: 2 request deadlines, at least 30 s). */
  stuckAfterMs?: number;
  /** After this long ready, the next crash restarts the backoff from its base. */
  stableAfterMs?: number;
  shutdownGraceMs?: number;
  now?(): number;
}

export class SidecarWorker {
  private stateValue: SidecarState = 'stopped';
  private reasonValue: string | undefined = 'not started';
  private current: SidecarHandle | undefined;
  /** Bumped by every launch and every deliberate stop: events of older generations are ignored. */
  private generation = 0;
  private readonly policy: RestartPolicy;
  private readonly policyOptions: RestartPolicyOptions;
  private readonly shutdownGraceMs: number;
  private readonly name: string;
  private healthWatch: HealthWatch | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private killReason: string | undefined;
  private disposed = false;
  private inFlightValue = 0;
  private requestsSent = 0;
  private launches = 0;
  private crashes = 0;
  private retirements = 0;
  /** Stopped by the pool for want of work (not a crash); `start` brings it back. */
  private retiredValue = false;
  private lastHealthValue: HealthData | undefined;

  constructor(
    private configValue: SidecarConfig,
    private readonly options: WorkerOptions,
  ) {
    this.policyOptions = options.policy ?? DEFAULT_RESTART_POLICY;
    this.policy = new RestartPolicy(this.policyOptions);
    this.shutdownGraceMs = options.shutdownGraceMs ?? 2000;
    this.name = options.name ?? 'Sidecar';
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

  /** Requests sent through `send` and not answered yet (the pool's measure of load). */
  get inFlight(): number {
    return this.inFlightValue;
  }

  /** The last health report of the running process (memory, progress), if one came. */
  get lastHealth(): HealthData | undefined {
    return this.lastHealthValue;
  }

  get retired(): boolean {
    return this.retiredValue;
  }

  get stats(): SidecarWorkerStats {
    const stats: SidecarWorkerStats = {
      state: this.stateValue,
      inFlight: this.inFlightValue,
      requests: this.requestsSent,
      starts: this.launches,
      healthChecks: this.healthWatch?.checks ?? 0,
      retired: this.retiredValue,
      retirements: this.retirements,
      crashes: this.crashes,
    };
    if (this.reasonValue !== undefined) stats.reason = this.reasonValue;
    if (this.current?.pid !== undefined) stats.pid = this.current.pid;
    if (this.lastHealthValue) stats.rssBytes = this.lastHealthValue.rss_bytes;
    return stats;
  }

  /** Starts the sidecar; resolves when it is ready or has stopped (never rejects). */
  start(): Promise<void> {
    this.retiredValue = false;
    return this.launch('starting');
  }

  /**
   * Stops the process because the pool has no work for it (it is idle: nothing is lost). Not a
   * crash: the restart policy does not hear of it, and `start` brings the worker back.
   */
  async retire(reason: string): Promise<void> {
    if (this.disposed || this.stateValue !== 'ready' || this.inFlightValue > 0) return;
    this.options.log.info(`Retiring ${this.lowerName()}: ${reason}`);
    this.retiredValue = true;
    this.retirements += 1;
    const old = this.current;
    this.invalidate();
    this.setState('stopped', `retired: ${reason}`);
    if (old) await old.shutdown(this.shutdownGraceMs);
  }

  /**
   * Applies new settings. Only the path and pipeline need a new process; the timings apply to the
   * running one (the start timeout to the next launch, which reads the config then).
   */
  async updateConfig(config: SidecarConfig): Promise<void> {
    const old = this.configValue;
    this.configValue = config;
    // A retired worker reads its settings when it starts again.
    if (this.retiredValue) return;
    if (old.path !== config.path || old.pipeline !== config.pipeline) {
      await this.restart('the sidecar settings changed');
    } else if (
      (old.healthCheckIntervalMs !== config.healthCheckIntervalMs || old.healthCheckTimeoutMs !== config.healthCheckTimeoutMs) &&
      this.stateValue === 'ready' &&
      this.current
    ) {
      this.watchHealth(this.current);
    }
  }

  /** A restart on demand: works from any state, including stopped, and forgets the crash history. */
  async restart(reason = 'restart requested'): Promise<void> {
    if (this.disposed) return;
    // Retired: it starts when work waits for it, with a clean history.
    if (this.retiredValue) {
      this.policy.reset();
      return;
    }
    this.options.log.info(`Restarting ${this.lowerName()}: ${reason}`);
    this.policy.reset();
    const old = this.current;
    this.invalidate();
    this.setState('restarting', reason);
    if (old) await old.shutdown(this.shutdownGraceMs);
    await this.launch('restarting');
  }

  /**
   * Stops for good. By default the work already sent is finished first; `abandon` drops it (the
   * server is shutting down: nobody waits for the results).
   */
  async dispose(options: { abandon?: boolean } = {}): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const old = this.current;
    this.invalidate();
    this.stateValue = 'stopped';
    this.reasonValue = 'the server is shutting down';
    if (old) await old.shutdown(this.shutdownGraceMs, options);
  }

  /**
   * Sends a request to the running process. Not ready: fails at once with SIDECAR_EXITED, so a
   * caller with somewhere else to go goes there.
   */
  async send(body: SidecarAction, timeoutMs = this.configValue.requestTimeoutMs): Promise<unknown> {
    const handle = this.current;
    if (this.stateValue !== 'ready' || !handle) {
      throw new SidecarError('SIDECAR_EXITED', `${this.name} is not ready (${this.stateValue})`, true);
    }
    this.inFlightValue += 1;
    this.requestsSent += 1;
    try {
      return await handle.request(body, timeoutMs);
    } finally {
      this.inFlightValue -= 1;
    }
  }

  /** A health report of the running process, now. */
  async health(): Promise<HealthData> {
    const handle = this.current;
    if (this.stateValue !== 'ready' || !handle) {
      throw new SidecarError('SIDECAR_STOPPED', `${this.name} is ${this.stateValue}: ${this.reasonValue ?? 'not ready'}`, false);
    }
    const health = parseAnswer(
      HealthDataSchema,
      await handle.request({ action: 'health_check' }, this.configValue.healthCheckTimeoutMs),
      'health_check',
    );
    if (handle === this.current) this.lastHealthValue = health;
    return health;
  }

  private async launch(state: 'starting' | 'restarting'): Promise<void> {
    if (this.disposed) return;
    const generation = ++this.generation;
    if (this.stateValue !== state) this.setState(state, state === 'restarting' ? this.reasonValue : undefined);
    this.launches += 1;
    let handle: SidecarHandle;
    try {
      handle = await this.options.launch(this.configValue);
    } catch (error) {
      if (generation !== this.generation) return;
      this.startFailed(generation, error);
      return;
    }
    if (generation !== this.generation) {
      // A restart or dispose overtook this start: this process is not wanted.
      await handle.shutdown(this.shutdownGraceMs);
      return;
    }
    handle.onExit((reason) => this.onCrash(generation, this.killReason ?? `the sidecar ${reason}`));
    if (this.options.prepare) {
      try {
        await this.options.prepare(handle);
      } catch (error) {
        if (generation !== this.generation) return;
        // Its exit (if it died) is a crash already; a process that lives but refuses is one too.
        handle.kill();
        this.startFailed(generation, error);
        return;
      }
      if (generation !== this.generation) return;
    }
    this.current = handle;
    this.lastHealthValue = undefined;
    this.setState('ready', undefined, handle);
    this.watchHealth(handle);
    this.stableTimer = setTimeout(() => this.policy.markStable(), this.options.stableAfterMs ?? 60_000);
    this.stableTimer.unref();
  }

  private startFailed(generation: number, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.options.log.error(`${this.name} start failed: ${message}`);
    if (error instanceof SidecarError && !error.retryable) this.enterStopped(message);
    else this.onCrash(generation, message);
  }

  private onCrash(generation: number, reason: string): void {
    if (generation !== this.generation || this.disposed) return;
    // Later events of this process (its exit after a failed prepare) are not a second crash.
    this.generation++;
    const kind = this.killReason === undefined ? 'crash' : 'killed';
    this.crashes += 1;
    this.killReason = undefined;
    this.clearTimers();
    this.current = undefined;
    const decision = this.policy.recordCrash(this.now(), kind);
    if (decision.action === 'stop') {
      const windowMin = Math.round(this.policyOptions.windowMs / 60_000);
      this.enterStopped(
        `The sidecar failed ${decision.crashesInWindow} times within ${windowMin} minutes (last: ${reason}). ` +
          `Run "Samsara: Restart Sidecar" from the Command Palette (in other editors: the LSP command samsara.restartSidecar) to try again.`,
      );
      return;
    }
    this.options.log.warn(`${this.name} lost (${reason}); restarting in ${decision.delayMs} ms`);
    this.setState('restarting', reason);
    this.retryTimer = setTimeout(() => void this.launch('restarting'), decision.delayMs);
  }

  private enterStopped(reason: string): void {
    this.clearTimers();
    this.current = undefined;
    this.setState('stopped', reason);
  }

  private watchHealth(handle: SidecarHandle): void {
    this.healthWatch?.stop();
    this.healthWatch = new HealthWatch(handle, {
      intervalMs: this.configValue.healthCheckIntervalMs,
      timeoutMs: this.configValue.healthCheckTimeoutMs,
      failuresToRestart: this.options.healthFailuresToRestart ?? 3,
      stuckAfterMs: () => this.options.stuckAfterMs ?? Math.max(2 * this.configValue.requestTimeoutMs, 30_000),
      now: () => this.now(),
      name: this.name,
      log: this.options.log,
      onHealth: (health) => {
        if (handle === this.current) this.lastHealthValue = health;
      },
      // A hung process (SIGSTOP, a deadlock) ignores SIGTERM: kill it; its exit triggers the restart.
      onDead: (reason) => {
        if (handle !== this.current) return;
        this.options.log.warn(`${this.name}: ${reason}; killing it`);
        this.killReason = reason;
        handle.kill();
      },
    });
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
    // One line per event: a restart's cause is logged where it is decided ("Restarting…", "lost…"),
    // so the state it leads to is detail; being ready (with its model) and stopping are news.
    const model = state === 'ready' && handle ? ` with ${handle.info.model} ${handle.info.model_version}` : '';
    const line = `${this.name} ${state}${model}${reason ? `: ${reason}` : ''}${handle?.pid ? ` (pid ${handle.pid})` : ''}`;
    if (state === 'ready') this.options.log.info(line);
    else if (state === 'stopped') this.options.log[reason ? 'warn' : 'info'](line);
    else this.options.log.debug(line);
    this.options.onStatus(status);
  }

  private invalidate(): void {
    this.generation++;
    this.clearTimers();
    this.current = undefined;
    this.killReason = undefined;
  }

  private clearTimers(): void {
    this.healthWatch?.stop();
    this.healthWatch = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.retryTimer = this.stableTimer = undefined;
  }

  private lowerName(): string {
    return this.name === 'Sidecar' ? 'the sidecar' : this.name;
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}
