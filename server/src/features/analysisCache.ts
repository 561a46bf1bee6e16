// Entities by block content. Only blocks never seen before go to the sidecar, through the
// scheduler (analysis/scheduler.ts), which sends each text once however many documents ask for it
// and decides what goes first. Shared by all documents: the same paragraph in two files is
// analysed once.
// The key is the block's text itself: V8 hashes a string natively in one pass, where a
// cryptographic digest per block cost ~10 ms per edit of a 300 KB document (measured), and the
// text has to be compared on a hash hit anyway. The cache is bounded in entries and characters.
import type { Entity } from '../protocol/sidecar';
import { AnalysisScheduler, type AnalyzeTexts, type Claim, type SchedulerOptions, type SchedulerStats } from '../analysis/scheduler';
import { isValidSpan } from './positions';

export type { AnalyzeTexts };

export interface CacheStats extends SchedulerStats {
  /** Blocks asked for (a document run asks for all of its blocks). */
  blocksRequested: number;
  /** Blocks not sent: answered from the cache, a request under way, or a repeat. */
  blocksFromCache: number;
  /** Entities dropped because their span did not fit their block. */
  invalidEntities: number;
}

export interface CacheOptions extends SchedulerOptions {
  maxEntries: number;
  /** Total characters of the cached blocks (the keys), bounding memory. */
  maxChars: number;
  /** How many batches may be in flight at once (ready sidecar workers). */
  concurrency(): number;
}

const DEFAULTS = { maxEntries: 50_000, maxChars: 16_000_000, concurrency: () => 1 };

/** Whoever asks without saying: interactive, in a group of its own. */
const ANONYMOUS: Claim = { owner: {}, group: '', priority: 'interactive' };

export class AnalysisCache {
  private readonly entries = new Map<string, Entity[]>();
  private readonly scheduler: AnalysisScheduler;
  private readonly options: Pick<CacheOptions, 'maxEntries' | 'maxChars'>;
  private chars = 0;
  private readonly counts = { blocksRequested: 0, blocksFromCache: 0, invalidEntities: 0 };

  constructor(analyze: AnalyzeTexts, options: Partial<CacheOptions> = {}) {
    const { maxEntries, maxChars, concurrency, ...schedulerOptions } = { ...DEFAULTS, ...options };
    this.options = { maxEntries, maxChars };
    this.scheduler = new AnalysisScheduler(
      { analyze, concurrency, accept: (text, entities) => this.accept(text, entities) },
      schedulerOptions,
    );
  }

  get stats(): CacheStats {
    return { ...this.counts, ...this.scheduler.stats };
  }

  /** The entities of `text` (offsets relative to it): at once from the cache, else a promise. */
  request(text: string, claim: Claim): Entity[] | Promise<Entity[]> {
    this.counts.blocksRequested += 1;
    const hit = this.entries.get(text);
    if (hit) {
      this.counts.blocksFromCache += 1;
      return hit;
    }
    if (this.scheduler.has(text)) this.counts.blocksFromCache += 1;
    return this.scheduler.request(text, claim);
  }

  /** Entities of each text, in order (all interactive unless a claim says otherwise). */
  entitiesFor(texts: readonly string[], claim: Claim = ANONYMOUS): Promise<Entity[][]> {
    return Promise.all(texts.map((text) => this.request(text, claim)));
  }

  /** Raises `text` to the claim's priority if it is still queued (its answer is awaited elsewhere). */
  raise(text: string, claim: Claim): void {
    if (this.scheduler.has(text)) void this.scheduler.request(text, claim);
  }

  /** `owner` waits for nothing any more: its queued texts that nobody else wants are dropped. */
  release(owner: object): void {
    this.scheduler.release(owner);
  }

  /** When more workers may have become ready. */
  pump(): void {
    this.scheduler.pump();
  }

  /** Whether `text` is known: cached, or queued or under way. */
  knows(text: string): boolean {
    return this.entries.has(text) || this.scheduler.has(text);
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** A fresh answer for `text`: spans checked once, then remembered. */
  private accept(text: string, raw: Entity[]): Entity[] {
    const entities = raw.filter((entity) => isValidSpan(text, entity.start, entity.end));
    this.counts.invalidEntities += raw.length - entities.length;
    this.remember(text, entities);
    return entities;
  }

  private remember(key: string, entities: Entity[]): void {
    if (this.entries.has(key)) return;
    // Map keeps insertion order: the first key is the oldest, evicted first.
    while (this.entries.size > 0 && (this.entries.size >= this.options.maxEntries || this.chars + key.length > this.options.maxChars)) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
      this.chars -= oldest.value.length;
    }
    this.entries.set(key, entities);
    this.chars += key.length;
  }
}
