// Between the documents and the sidecar: texts wait here, not in the sidecar's stdin, so what the
// user is looking at can overtake what nobody is waiting for. Three queues: interactive (the
// paragraph just edited, the visible screen, the start of a document just opened), background
// (the rest of big open documents) and scan (files of the workspace nobody has open, served only
// when nothing else waits); background and scan are served round-robin by document so one 1.5 MB
// file does not hold up a second one (the queues: schedulerQueues.ts). Texts are batched when a
// batch leaves, not when they arrive, so a promotion is just a move between queues. Only
// `concurrency()` batches are in flight at once (one per ready worker) and a background batch is
// sized to keep the sidecar busy for about `backgroundBatchMs`: that is how long new interactive
// work can have to wait. Each batch is traced (`recentBatches`) and timed, which sizes the next.
import { SamsaraError } from '../../../shared/errors';
import type { Entity } from '../protocol/sidecar';
import type { BatchTrace } from '../../../shared/lsp';
import { RANK, SchedulerQueues, type Item, type Priority } from './schedulerQueues';

/**
 * What the sidecar answers for a batch: the entities of each text, and the hash of the entity
 * rules they were made with (null: none; absent: an analyzer that knows no rules).
 */
export interface AnalyzeAnswer {
  entities: Entity[][];
  rules?: string | null;
}

/** A batch's analysis: a bare list of results is an analyzer without entity rules. */
export type AnalyzeTexts = (texts: string[]) => Promise<Entity[][] | AnalyzeAnswer>;
export type { Priority } from './schedulerQueues';

/** Who asks for a text, and how urgently. */
export interface Claim {
  /** The asker (a document's analysis run); released claims drop work nobody else waits for. */
  owner: object;
  /** What background work is shared out by (a document URI). */
  group: string;
  priority: Priority;
  /** Whether a claim raises a text already queued at a lower priority (default true). */
  raise?: boolean;
}

export interface SchedulerOptions {
  /** Characters per interactive batch. */
  interactiveBatchChars: number;
  /** How long a background batch should keep one worker busy. */
  backgroundBatchMs: number;
  minBatchChars: number;
  maxBatchChars: number;
  /** Sidecar speed assumed until batches have been measured (UTF-16 characters per ms). */
  initialCharsPerMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  interactiveBatchChars: 16_000,
  backgroundBatchMs: 50,
  minBatchChars: 2_000,
  maxBatchChars: 64_000,
  initialCharsPerMs: 50,
};

export interface SchedulerDeps {
  analyze: AnalyzeTexts;
  /** How many batches may be in flight at once (e.g. ready workers; at least one is assumed). */
  concurrency(): number;
  /**
   * Turns a text's raw answer into its result, once, before any asker sees it (the cache's hook);
   * `rules` is the hash of the entity rules the answer was made with (undefined: not said).
   */
  accept?(text: string, entities: Entity[], rules: string | null | undefined): Entity[];
  /** The clock batches are timed with (ms). */
  now?(): number;
}

export interface SchedulerStats {
  /** Texts sent to the sidecar, and the `analyze` requests that carried them. */
  blocksAnalyzed: number;
  requests: number;
  interactiveBatches: number;
  backgroundBatches: number;
  /** Batches of workspace files nobody has open (the lowest priority). */
  scanBatches: number;
  /** Queued texts dropped because every asker was released (a closed or superseded document). */
  blocksCancelled: number;
  /** Milliseconds `analyze` requests were under way, summed (sidecar time, as this side sees it). */
  analyzeMs: number;
}

/** A text dropped from the queue because nobody waits for it any more. */
export class AnalysisCancelled extends SamsaraError {
  constructor() {
    super('ANALYSIS_CANCELLED', 'Nobody waits for this text any more');
  }
}

/** Batches kept in `recentBatches`. */
const RECENT_BATCHES = 16;

/** The clock of traces: comparable across processes of one machine (the bench's client). */
export const traceClock = (): number => performance.timeOrigin + performance.now();

export class AnalysisScheduler {
  /** The latest batches, oldest first (the edit bench reads where an edit's time went). */
  readonly recentBatches: BatchTrace[] = [];
  private readonly items = new Map<string, Item>();
  private readonly queues = new SchedulerQueues();
  private readonly options: SchedulerOptions;
  private inFlight = 0;
  private pumpQueued = false;
  private charsPerMs: number;
  readonly stats: SchedulerStats = {
    blocksAnalyzed: 0,
    requests: 0,
    interactiveBatches: 0,
    backgroundBatches: 0,
    scanBatches: 0,
    blocksCancelled: 0,
    analyzeMs: 0,
  };

  constructor(
    private readonly deps: SchedulerDeps,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    this.charsPerMs = this.options.initialCharsPerMs;
  }

  /** Whether `text` is queued or on its way to the sidecar. */
  has(text: string): boolean {
    return this.items.has(text);
  }

  /** The entities of `text`, from the request already under way for it or from a new one. */
  request(text: string, claim: Claim): Promise<Entity[]> {
    let item = this.items.get(text);
    if (item) {
      item.owners.add(claim.owner);
      if (item.state === 'queued' && RANK[claim.priority] > RANK[item.priority] && claim.raise !== false) {
        // The entry left behind in the lower queue is skipped as stale when it comes up.
        item.priority = claim.priority;
        this.queues.push(item, claim.priority, claim.group);
      }
    } else {
      item = this.enqueue(text, claim);
    }
    // Batches form once the caller has asked for everything it needs now (a document run asks
    // for all of its blocks in one go), not with the first text.
    if (!this.pumpQueued) {
      this.pumpQueued = true;
      queueMicrotask(() => {
        this.pumpQueued = false;
        this.pump();
      });
    }
    return item.promise;
  }

  /**
   * Texts already sent whose answers a new asker must not wait for (made with entity rules that
   * have changed since): they stay with their askers, and a new request for one sends it again.
   */
  detachSent(stale: (text: string) => boolean): number {
    let detached = 0;
    for (const [text, item] of this.items) {
      if (item.state !== 'sent' || !stale(text)) continue;
      this.items.delete(text);
      detached += 1;
    }
    return detached;
  }

  /** `owner` waits for nothing any more: queued texts nobody else waits for are dropped. */
  release(owner: object): void {
    for (const item of this.items.values()) {
      if (!item.owners.delete(owner) || item.owners.size > 0 || item.state !== 'queued') continue;
      item.state = 'dropped';
      this.items.delete(item.text);
      this.stats.blocksCancelled += 1;
      item.reject(new AnalysisCancelled());
    }
  }

  /** Sends what the current concurrency allows (call it when workers become ready). */
  pump(): void {
    while (this.inFlight < Math.max(1, this.deps.concurrency())) {
      const batch = this.queues.next(this.options.interactiveBatchChars, this.backgroundBudget());
      if (!batch) return;
      this.send(batch.items, batch.priority);
    }
  }

  private enqueue(text: string, claim: Claim): Item {
    let resolve!: (entities: Entity[]) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Entity[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A dropped item's rejection may find no listener: that is its point.
    promise.catch(() => undefined);
    const item: Item = {
      text,
      group: claim.group,
      priority: claim.priority,
      state: 'queued',
      queuedAt: traceClock(),
      owners: new Set([claim.owner]),
      promise,
      resolve,
      reject,
    };
    this.items.set(text, item);
    this.queues.push(item, claim.priority, claim.group);
    return item;
  }

  /** Characters of a background or scan batch: about `backgroundBatchMs` of the sidecar's measured speed. */
  private backgroundBudget(): number {
    return Math.min(
      this.options.maxBatchChars,
      Math.max(this.options.minBatchChars, Math.round(this.charsPerMs * this.options.backgroundBatchMs)),
    );
  }

  private send(batch: Item[], priority: Priority): void {
    this.inFlight += 1;
    this.stats.requests += 1;
    this.stats.blocksAnalyzed += batch.length;
    if (priority === 'interactive') this.stats.interactiveBatches += 1;
    else if (priority === 'background') this.stats.backgroundBatches += 1;
    else this.stats.scanBatches += 1;
    for (const item of batch) item.state = 'sent';
    const texts = batch.map((item) => item.text);
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    const trace: BatchTrace = {
      priority,
      texts: batch.length,
      chars,
      queuedAt: batch.reduce((oldest, item) => Math.min(oldest, item.queuedAt), Infinity),
      sentAt: traceClock(),
    };
    this.recentBatches.push(trace);
    if (this.recentBatches.length > RECENT_BATCHES) this.recentBatches.shift();
    const settle = (): void => {
      trace.answeredAt = traceClock();
      this.inFlight -= 1;
      this.stats.analyzeMs += now() - started;
      for (const item of batch) if (this.items.get(item.text) === item) this.items.delete(item.text);
    };
    // An analyze that throws at once (no sidecar yet) fails the batch like one that rejects.
    new Promise<Entity[][] | AnalyzeAnswer>((resolve) => resolve(this.deps.analyze(texts))).then(
      (answer) => {
        settle();
        const { entities: results, rules } = Array.isArray(answer) ? { entities: answer, rules: undefined } : answer;
        this.measure(chars, now() - started);
        if (results.length !== batch.length) {
          const error = new Error(`the sidecar answered ${results.length} results for ${batch.length} texts`);
          for (const item of batch) item.reject(error);
        } else {
          batch.forEach((item, i) => item.resolve(this.deps.accept ? this.deps.accept(item.text, results[i], rules) : results[i]));
        }
        this.pump();
      },
      (error: unknown) => {
        settle();
        for (const item of batch) item.reject(error);
        this.pump();
      },
    );
  }

  /** Sidecar speed, from batches big enough for their per-request overhead not to dominate. */
  private measure(chars: number, ms: number): void {
    if (chars < this.options.minBatchChars || ms <= 0) return;
    this.charsPerMs = 0.7 * this.charsPerMs + 0.3 * (chars / ms);
  }
}
