// A pool of sidecar workers, each kept running on its own (sidecarWorker.ts: handshake, health,
// backoff, crash loop). Requests go to the least-loaded ready worker; a request lost with a
// process that died is sent once more, to whichever worker is ready then, so one worker going
// down never stops analysis while another runs. The rest of the server sees one sidecar: analyze,
// entity rules, one status (with ready/total worker counts), and per-worker health and stats.
// Workers past the first retire when idle (idleRetire.ts) and start again when a request finds
// every running worker busy: the pool's own queue of waiting requests is the backlog signal.
import { availableParallelism } from 'node:os';
import type { Logger } from '../logger';
import type { SidecarState, SidecarStatusParams, SidecarWorkerStats } from '../../../shared/lsp';
import {
  AnalyzeDataSchema,
  type EntityRules,
  type EntityRulesData,
  type Entity,
  type HealthData,
  type ModelLoaded,
  type SidecarAction,
} from '../protocol/sidecar';
import { EntityRulesSync } from './entityRulesSync';
import { IdleRetirement, REAL_TIMERS, type PoolTimers } from './idleRetire';
import { SidecarError } from './errors';
import { poolStatus } from './poolStatus';
import type { SidecarHandle } from './sidecarProcess';
import { parseAnswer } from './parseAnswer';
import { SidecarWorker, type SidecarConfig, type WorkerOptions } from './sidecarWorker';

/** `samsara.sidecar.workers`: a count, or `auto`. */
export type WorkersSetting = number | 'auto';

export interface PoolConfig extends SidecarConfig {
  workers: WorkersSetting;
  /** `samsara.sidecar.idleRetireSeconds` in ms: idle this long, a worker past the first stops; 0: never (default 60 s). */
  idleRetireMs?: number;
}

export const DEFAULT_IDLE_RETIRE_MS = 60_000;

export interface PoolOptions {
  launch(config: SidecarConfig): Promise<SidecarHandle>;
  onStatus(status: SidecarStatusParams): void;
  log: Logger;
  /** Cores of this machine (for `auto`); injected by tests. */
  cores?: number;
  /** Passed to every worker (restart policy, health limits, clocks). */
  worker?: Omit<WorkerOptions, 'launch' | 'onStatus' | 'log' | 'name' | 'prepare'>;
  /** The idle-retirement timers; injected by tests. */
  timers?: PoolTimers;
}

export interface AnalyzeResult {
  /** Entities of each text, in order (UTF-16 offsets relative to that text). */
  entities: Entity[][];
  /** Hash of the entity rules the results were made with; null: none. A cache keys by it. */
  rules: string | null;
}

export interface WorkerHealth {
  worker: number;
  state: SidecarState;
  pid?: number;
  health?: HealthData;
  error?: string;
}

/**
 * `auto`: one worker per spare core (one core stays with the editor and this server), at most 4
 * (past that, memory grows faster than throughput for interactive use), at least 1.
 */
export function resolveWorkerCount(setting: WorkersSetting, cores = availableParallelism()): number {
  return setting === 'auto' ? Math.min(4, Math.max(1, cores - 1)) : Math.max(1, Math.floor(setting));
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class SidecarPool {
  private readonly workers: SidecarWorker[] = [];
  private readonly rules: EntityRulesSync;
  private waiters: Waiter[] = [];
  /** Requests waiting for a worker to fall free or to finish starting (the backlog). */
  private slotWaiters: (() => void)[] = [];
  /** How many requests wait in `readyWorker`; retired workers started again for them, not ready yet. */
  private waiting = 0;
  private readonly woken = new Set<SidecarWorker>();
  private readonly idle: IdleRetirement<SidecarWorker>;
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
    this.idle = new IdleRetirement(
      options.timers ?? REAL_TIMERS,
      () => this.configValue.idleRetireMs ?? DEFAULT_IDLE_RETIRE_MS,
      (worker) => this.retire(worker),
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
      this.idle.busy(worker);
    }
    // A new quiet delay applies to the workers idle now, not only from their next request.
    if (config.idleRetireMs !== oldIdleMs) {
      for (const worker of this.workers)
        if (worker.state === 'ready' && worker.inFlight === 0 && this.isExtra(worker)) this.idle.idle(worker);
    }
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
    this.idle.clear();
    this.rejectWaiters(stopped('the language server is shutting down'));
    await Promise.all(this.workers.map((w) => w.dispose(options)));
  }

  /** Entities of each text, in order (offsets in UTF-16 units, relative to that text). */
  async analyze(texts: string[]): Promise<Entity[][]> {
    return (await this.analyzeWithRules(texts)).entities;
  }

  /** As `analyze`, with the hash of the entity rules the results were made with. */
  async analyzeWithRules(texts: string[]): Promise<AnalyzeResult> {
    const data = parseAnswer(AnalyzeDataSchema, await this.request({ action: 'analyze', texts }), 'analyze');
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

  /**
   * Sends a request to the least-loaded ready worker. If its process dies with the request in
   * flight, the request goes once more to a ready worker (the restarted one, or another); a
   * second loss is reported to the caller.
   */
  private async request(body: SidecarAction): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      // A ready worker is taken without an await, so the request reaches its stdin before the
      // caller goes on (an edit's window is written while the rest of its run is still built).
      const worker = this.pick() ?? (await this.readyWorker());
      this.idle.busy(worker);
      try {
        return await worker.send(body);
      } catch (error) {
        if (this.closing) throw stopped('the language server is shutting down');
        if (attempt === 1 && error instanceof SidecarError && error.code === 'SIDECAR_EXITED') {
          const where = this.workers.length > 1 ? 'to a ready worker' : 'after the restart';
          this.options.log.info(`${this.nameOf(worker)} died with a request in flight (${body.action}); sending it again ${where}`);
          continue;
        }
        throw error;
      } finally {
        this.settled(worker);
      }
    }
  }

  /** A request of `worker` ended: a waiting request may take it; idle, an extra worker may retire. */
  private settled(worker: SidecarWorker): void {
    if (worker.inFlight === 0 && worker.state === 'ready' && this.isExtra(worker)) this.idle.idle(worker);
    this.wakeSlotWaiters();
  }

  /** Past the first worker (the pool keeps one running), and not the only one ready. */
  private isExtra(worker: SidecarWorker): boolean {
    return this.workers.indexOf(worker) > 0 && this.workers.some((w) => w !== worker && w.state === 'ready');
  }

  private retire(worker: SidecarWorker): void {
    if (!this.workers.includes(worker) || this.closing || worker.inFlight > 0 || !this.isExtra(worker)) return;
    const seconds = Math.round((this.configValue.idleRetireMs ?? DEFAULT_IDLE_RETIRE_MS) / 1000);
    void worker.retire(`no work for ${seconds} s (it starts again when work waits)`);
  }

  /** A worker for a request, picked when one is free or ready (so it is still ready when used). */
  private async readyWorker(): Promise<SidecarWorker> {
    this.waiting += 1;
    try {
      for (;;) {
        const worker = this.pick(true);
        if (worker) return worker;
        if (this.readyWorkers === 0) await this.whenAnyReady();
        else await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
      }
    } finally {
      this.waiting -= 1;
    }
  }

  /**
   * A free ready worker, the first in order (so the work gathers on the first workers and the
   * extra ones fall idle and retire). All busy: a retired worker is started and the request waits
   * (undefined) until one falls free or that one is ready; with none to start, or none starting
   * again, the least-loaded ready worker takes it.
   */
  private pick(queued = false): SidecarWorker | undefined {
    if (this.closing) throw stopped('the language server is shutting down');
    const ready = this.workers.filter((w) => w.state === 'ready');
    const free = ready.find((w) => w.inFlight === 0);
    if (free) return free;
    // One worker started again per request without one (this one included).
    const resting = this.workers.find((w) => w.retired);
    if (resting && this.woken.size < this.waiting + (queued ? 0 : 1)) {
      this.options.log.info(`${this.nameOf(resting)} starts again: work is waiting`);
      this.woken.add(resting);
      void resting.start();
    }
    // Waiting for a worker that is starting again beats queueing in a busy one's stdin.
    if (this.woken.size > 0 || ready.length === 0) return undefined;
    return ready.reduce<SidecarWorker | undefined>((best, w) => (!best || w.inFlight < best.inFlight ? w : best), undefined);
  }

  private wakeSlotWaiters(): void {
    for (const resolve of this.slotWaiters.splice(0)) resolve();
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
    if (state !== 'starting') this.woken.delete(worker);
    if (state === 'ready' && worker.inFlight === 0 && this.isExtra(worker)) this.idle.idle(worker);
    else if (state !== 'ready') this.idle.busy(worker);
    this.emitStatus();
    this.wakeSlotWaiters();
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
    this.wakeSlotWaiters();
  }
}

function stopped(reason: string): SidecarError {
  return new SidecarError('SIDECAR_STOPPED', `The sidecar is stopped: ${reason}`, false);
}
