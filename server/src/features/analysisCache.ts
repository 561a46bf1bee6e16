// Entities by block content. Only blocks never seen before go to the sidecar, deduplicated and
// batched into `analyze` requests with `texts`; a block already on its way is awaited, not sent
// twice. Shared by all documents: the same paragraph in two files is analysed once.
// The key is the block's text itself: V8 hashes a string natively in one pass, where a
// cryptographic digest per block cost ~10 ms per edit of a 300 KB document (measured), and the
// text has to be compared on a hash hit anyway. The cache is bounded in entries and characters.
import type { Entity } from '../protocol/sidecar';
import { isValidSpan } from './positions';

export type AnalyzeTexts = (texts: string[]) => Promise<Entity[][]>;

export interface CacheStats {
  /** Blocks asked for (a document run asks for all of its blocks). */
  blocksRequested: number;
  /** Blocks not sent: answered from the cache, a request in flight, or a repeat in the same call. */
  blocksFromCache: number;
  /** Blocks sent to the sidecar. */
  blocksAnalyzed: number;
  /** `analyze` requests sent. */
  requests: number;
  /** Entities dropped because their span did not fit their block. */
  invalidEntities: number;
}

export interface CacheOptions {
  maxEntries: number;
  /** Total characters of the cached blocks (the keys), bounding memory. */
  maxChars: number;
  /** Characters per `analyze` request: keeps a request's deadline and its response line bounded. */
  maxBatchChars: number;
}

const DEFAULTS: CacheOptions = { maxEntries: 50_000, maxChars: 16_000_000, maxBatchChars: 64_000 };

export class AnalysisCache {
  private readonly entries = new Map<string, Entity[]>();
  private readonly inFlight = new Map<string, Promise<Entity[]>>();
  private readonly options: CacheOptions;
  private chars = 0;
  readonly stats: CacheStats = { blocksRequested: 0, blocksFromCache: 0, blocksAnalyzed: 0, requests: 0, invalidEntities: 0 };

  constructor(
    private readonly analyze: AnalyzeTexts,
    options: Partial<CacheOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Entities of each text (offsets relative to that text), in order. */
  async entitiesFor(texts: readonly string[]): Promise<Entity[][]> {
    this.stats.blocksRequested += texts.length;
    const results: (Entity[] | Promise<Entity[]>)[] = new Array<Entity[] | Promise<Entity[]>>(texts.length);
    const missing = new Map<string, string>();
    texts.forEach((key, i) => {
      const hit = this.entries.get(key) ?? this.inFlight.get(key);
      if (hit) {
        results[i] = hit;
        this.stats.blocksFromCache += 1;
      } else if (missing.has(key)) {
        this.stats.blocksFromCache += 1; // a repeat within this document: sent once
      } else {
        missing.set(key, texts[i]);
      }
    });
    // At most two batches of one call in flight: the sidecar starts the next batch while this
    // side reads the previous answer (no idle gap), and a request's deadline covers at most one
    // batch queued in front of it, not the whole document.
    const settled: Promise<unknown>[] = [];
    for (const batch of this.batches(missing)) {
      const gate = settled.length >= 2 ? settled[settled.length - 2] : Promise.resolve();
      const request = gate.then(() => this.send(batch));
      settled.push(request.catch(() => undefined));
      batch.forEach(([key], j) =>
        this.inFlight.set(
          key,
          request.then((all) => all[j]),
        ),
      );
    }
    texts.forEach((key, i) => {
      if (results[i] === undefined) results[i] = this.entries.get(key) ?? (this.inFlight.get(key) as Promise<Entity[]>);
    });
    return Promise.all(results);
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private async send(batch: [string, string][]): Promise<Entity[][]> {
    this.stats.requests += 1;
    this.stats.blocksAnalyzed += batch.length;
    try {
      const results = await this.analyze(batch.map(([, text]) => text));
      if (results.length !== batch.length) {
        throw new Error(`the sidecar answered ${results.length} results for ${batch.length} texts`);
      }
      return batch.map(([key, text], j) => {
        const entities = results[j].filter((entity) => isValidSpan(text, entity.start, entity.end));
        this.stats.invalidEntities += results[j].length - entities.length;
        this.remember(key, entities);
        return entities;
      });
    } finally {
      for (const [key] of batch) this.inFlight.delete(key);
    }
  }

  private *batches(missing: Map<string, string>): Generator<[string, string][]> {
    let batch: [string, string][] = [];
    let chars = 0;
    for (const entry of missing) {
      if (batch.length > 0 && chars + entry[1].length > this.options.maxBatchChars) {
        yield batch;
        batch = [];
        chars = 0;
      }
      batch.push(entry);
      chars += entry[1].length;
    }
    if (batch.length > 0) yield batch;
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
