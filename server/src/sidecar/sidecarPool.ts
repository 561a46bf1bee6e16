// A pool of sidecar workers, each kept running on its own (sidecarWorker.ts: handshake, health,
// backoff, crash loop). Requests go to the least-loaded ready worker; a request lost with a
// process that died is sent once more, to whichever worker is ready then, so one worker going
// down never stops analysis while another runs. The rest of the server sees one sidecar: analyze,
// entity rules, one status (with ready/total worker counts), and per-worker health and stats.
// Workers past the first retire when idle (idleRetire.ts) and start again when a request finds
// every running worker busy: the pool's own queue of waiting requests is the backlog signal. Where
// requests go is poolDispatch.ts; this file keeps the workers' lifecycle and scaling.
import type { SidecarState, SidecarStatusParams, SidecarWorkerStats } from '../../../shared/lsp';
import { AnalyzeDataSchema, type Entity, type EntityRules, type EntityRulesData, type ModelLoaded } from '../protocol/sidecar';
import { EntityRulesSync } from './entityRulesSync';
import { REAL_TIMERS } from './idleRetire';
import { SidecarError } from './errors';
import { parseAnswer } from './parseAnswer';
import { PoolDispatch, stopped } from './poolDispatch';
import {
  DEFAULT_IDLE_RETIRE_MS,
  resolveWorkerCount,
  type AnalyzeResult,
  type PoolConfig,
  type PoolOptions,
  type WorkerHealth,
} from './poolConfig';
import { poolStatus } from './poolStatus';
import { SidecarWorker } from './sidecarWorker';

// The pool's settings and answer types, where its users have always found them.
export * from './poolConfig';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class SidecarPool {
  private readonly workers: SidecarWorker[] = [];
  private readonly rules: EntityRulesSync;
  private waiters: Waiter[] = [];
  private readonly dispatch: PoolDispatch;
  /** No new work (shutdown began); `disposed`: the workers are being stopped too. */
  private closing = false;
  private disposed = false;
  /** Before start, requests (and rules) wait for the workers instead of failing as stopped. */
  private started = false;

  constructor(
    private configValue: PoolConfig,
    private readonly options: PoolOptions,
  ) {
    this.rules = new EntityRulesSync(options.log);
    this.dispatch = new PoolDispatch(
      {
        workers: this.workers,
        closing: () => this.closing,
        idleRetireMs: () => this.configValue.idleRetireMs ?? DEFAULT_IDLE_RETIRE_MS,
        whenAnyReady: () => this.whenAnyReady(),
        nameOf: (worker) => this.nameOf(worker),
        log: options.log,
      },
      options.timers ?? REAL_TIMERS,
    );
    const count = resolveWorkerCount(configValue.workers, options.cores);
    for (let i = 0; i < count; i++) this.workers.push(this.createWorker(i, count));
  }

  get config(): PoolConfig {
    return this.configValue;
  }

  get state(): SidecarState {
    return this.status().state;
  }

  get reason(): string | undefined {
    return this.status().reason;
  }

  /** The handshake (model, labels) of a ready worker: all load the same pipeline. */
  get info(): ModelLoaded | undefined {
    return this.workers.find((w) => w.state === 'ready')?.info;
  }

  get pid(): number | undefined {
    return this.workers.find((w) => w.state === 'ready')?.pid;
  }

  /** Workers that take requests now: how many analyses may usefully run at once. */
  get readyWorkers(): number {
    return this.workers.filter((w) => w.state === 'ready').length;
  }

  get totalWorkers(): number {
    return this.workers.length;
  }

  /** Workers retired for want of work (they start again when work waits). */
  get retiredWorkers(): number {
    return this.workers.filter((w) => w.retired).length;
  }

  /**
   * How many analyses may usefully be sent at once: the ready workers and the retired ones, which
   * a request that finds every ready worker busy starts again (it waits in the pool meanwhile).
   */
  get capacity(): number {
    return this.workers.filter((w) => w.state === 'ready' || w.retired).length;
  }

  stats(): SidecarWorkerStats[] {
    return this.workers.map((w) => w.stats);
  }

  /** Starts every worker; resolves when each is ready or stopped (never rejects). */
  async start(): Promise<void> {
    this.started = true;
    await Promise.all(this.workers.map((w) => w.start()));
  }

  /** New settings: a new worker count adds or retires workers; each worker applies the rest. */
  async updateConfig(config: PoolConfig): Promise<void> {
    if (this.closing) return;
    const oldIdleMs = this.configValue.idleRetireMs;
    this.configValue = config;
    const count = resolveWorkerCount(config.workers, this.options.cores);
    const retired = this.workers.splice(count);
    const added: SidecarWorker[] = [];
    while (this.workers.length < count) {
      const worker = this.createWorker(this.workers.length, count);
      this.workers.push(worker);
      added.push(worker);
    }
    if (retired.length > 0 || added.length > 0) {
      this.options.log.debug(`Sidecar workers: ${count} (setting samsara.sidecar.workers: ${String(config.workers)})`);
      this.emitStatus();
    }
    // A retired worker finishes what it was sent; requests it loses anyway go to the others.
    for (const worker of retired) {
      this.rules.forget(worker);
      this.dispatch.removed(worker);
    }
    // A new quiet delay applies to the workers idle now, not only from their next request.
    if (config.idleRetireMs !== oldIdleMs) this.dispatch.idleDelayChanged();
    await Promise.all([
      ...retired.map((w) => w.dispose()),
      ...added.map((w) => w.start()),
      ...this.workers.filter((w) => !added.includes(w)).map((w) => w.updateConfig(config)),
    ]);
  }

  /** A restart on demand of every worker: from any state, forgetting crash histories. */
  async restart(reason = 'restart requested'): Promise<void> {
    if (this.closing) return;
    await Promise.all(this.workers.map((w) => w.restart(reason)));
  }

  /**
   * Shutdown, first half: from now on nothing new is sent, and the work in flight is abandoned
   * (its callers get SIDECAR_STOPPED). Synchronous, so the shutdown answer waits for nothing.
   */
  abandon(): number {
    if (this.closing) return 0;
    this.closing = true;
    const inFlight = this.workers.reduce((sum, w) => sum + w.inFlight, 0);
    this.options.log.info(`Shutting down: ${inFlight} sidecar request(s) in flight abandoned`);
    this.rejectWaiters(stopped('the language server is shutting down'));
    return inFlight;
  }

  /** Stops every worker. `abandon`: at once (SIGTERM), not after the work they were sent. */
  async dispose(options: { abandon?: boolean } = {}): Promise<void> {
    if (this.disposed) return;
    if (options.abandon) this.abandon();
    this.closing = this.disposed = true;
    this.dispatch.clear();
    this.rejectWaiters(stopped('the language server is shutting down'));
    await Promise.all(this.workers.map((w) => w.dispose(options)));
  }

  /** Entities of each text, in order (offsets in UTF-16 units, relative to that text). */
  async analyze(texts: string[]): Promise<Entity[][]> {
    return (await this.analyzeWithRules(texts)).entities;
  }

  /** As `analyze`, with the hash of the entity rules the results were made with. */
  async analyzeWithRules(texts: string[]): Promise<AnalyzeResult> {
    const data = parseAnswer(AnalyzeDataSchema, await this.dispatch.request({ action: 'analyze', texts }), 'analyze');
    if (data.results.length !== texts.length) {
      throw new SidecarError(
        'SIDECAR_BAD_RESPONSE',
        `The sidecar answered ${data.results.length} results for ${texts.length} texts`,
        false,
      );
    }
    return { entities: data.results.map((result) => result.entities), rules: data.rules ?? null };
  }

  /**
   * Entity rules for every worker, now and after every restart. Resolves with the sidecar's
   * answer: the rules' hash, how many known entries applied, the problems of those skipped.
   */
  setEntityRules(rules: EntityRules): Promise<EntityRulesData> {
    if (this.closing) return Promise.reject(stopped('the language server is shutting down'));
    return this.rules.set(rules, async () => {
      await this.whenAnyReady();
      return this.workers.filter((w) => w.state === 'ready');
    });
  }

  /** Health of every worker (memory, progress), asked now; a worker that cannot answer says why. */
  async health(): Promise<WorkerHealth[]> {
    return Promise.all(
      this.workers.map(async (w, i): Promise<WorkerHealth> => {
        const entry: WorkerHealth = { worker: i + 1, state: w.state };
        if (w.pid !== undefined) entry.pid = w.pid;
        try {
          entry.health = await w.health();
        } catch (error) {
          entry.error = error instanceof Error ? error.message : String(error);
        }
        return entry;
      }),
    );
  }

  private whenAnyReady(): Promise<void> {
    if (this.closing) return Promise.reject(stopped('the language server is shutting down'));
    if (this.workers.some((w) => w.state === 'ready')) return Promise.resolve();
    if (this.started && this.workers.every((w) => w.state === 'stopped')) return Promise.reject(stopped(this.reason ?? 'unknown reason'));
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private createWorker(index: number, count: number): SidecarWorker {
    const worker: SidecarWorker = new SidecarWorker(this.configValue, {
      ...this.options.worker,
      launch: (config) => this.options.launch(config),
      log: this.options.log,
      name: count === 1 && index === 0 ? 'Sidecar' : `Sidecar ${index + 1}`,
      prepare: (handle) => this.rules.prepare(worker, (body) => handle.request(body, worker.config.requestTimeoutMs)),
      onStatus: (status) => this.onWorkerStatus(worker, status.state),
    });
    return worker;
  }

  private onWorkerStatus(worker: SidecarWorker, state: SidecarState): void {
    // Not ours any more (retired by a smaller worker count): its news changes nothing.
    if (!this.workers.includes(worker)) return;
    if (state === 'ready') this.rules.catchUp(worker);
    this.dispatch.workerStatus(worker, state);
    this.emitStatus();
    if (state === 'ready') {
      for (const waiter of this.waiters.splice(0)) waiter.resolve();
    } else if (this.workers.every((w) => w.state === 'stopped')) {
      this.rejectWaiters(stopped(this.reason ?? 'unknown reason'));
    }
  }

  private status(): SidecarStatusParams {
    return poolStatus(this.workers);
  }

  private emitStatus(): void {
    this.options.onStatus(this.status());
  }

  private nameOf(worker: SidecarWorker): string {
    const index = this.workers.indexOf(worker);
    return this.workers.length === 1 || index < 0 ? 'Sidecar' : `Sidecar ${index + 1}`;
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    // Requests waiting for a free worker look again, and find the pool closing (or no worker).
    this.dispatch.wake();
  }
}
