// Entities by block content. Only blocks never seen before go to the sidecar, through the
// scheduler (analysis/scheduler.ts), which sends each text once however many documents ask for it
// and decides what goes first. Shared by all documents: the same paragraph in two files is
// analysed once.
// The key is the block's text itself: V8 hashes a string natively in one pass, where a
// cryptographic digest per block cost ~10 ms per edit of a 300 KB document (measured), and the
// text has to be compared on a hash hit anyway. The cache is bounded in entries and characters.
//
// Results are keyed by (entity rules hash, block text): each entry carries the hash of the rules
// it was made with (the sidecar names it in every answer), and only entries of the rules in effect
// answer. One entry per text: a newer result replaces an older one. When the rules change
// (`rulesChanged`), the entries the change cannot affect are carried over to the new hash, so
// only the blocks that hold a changed name (see entityRules/ruleChange.ts) go to the sidecar.
import type { Entity } from '../protocol/sidecar';
import { AnalysisScheduler, type AnalyzeTexts, type Claim, type SchedulerOptions, type SchedulerStats } from './scheduler';
import { isValidSpan } from '../entities/positions';
import type { BatchTrace } from '../../../shared/lsp';

export type { AnalyzeTexts };

/** The hash naming a set of entity rules; null: no rules. */
export type RulesKey = string | null;

/** What a change of the entity rules can reach. */
export interface BlockChange {
  /**
   * Whether the change can alter the entities of `text`; `entities` are its results under the
   * old rules, undefined while they are not known yet (an answer still on its way).
   */
  affects(text: string, entities: readonly Entity[] | undefined): boolean;
}

interface Cached {
  rules: RulesKey;
  entities: Entity[];
}

export interface CacheStats extends SchedulerStats {
  /** Blocks asked for (a document run asks for all of its blocks). */
  blocksRequested: number;
  /** Blocks not sent: answered from the cache, a request under way, or a repeat. */
  blocksFromCache: number;
  /** Entities dropped because their span did not fit their block. */
  invalidEntities: number;
  /** At changes of the entity rules: results kept for the new rules, results dropped. */
  blocksCarriedOver: number;
  blocksInvalidated: number;
  /** Answers made with other entity rules than those in effect when they came (not cached as current). */
  staleRuleAnswers: number;
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
  private readonly entries = new Map<string, Cached>();
  private readonly scheduler: AnalysisScheduler;
  private readonly options: Pick<CacheOptions, 'maxEntries' | 'maxChars'>;
  private chars = 0;
  private readonly counts = {
    blocksRequested: 0,
    blocksFromCache: 0,
    invalidEntities: 0,
    blocksCarriedOver: 0,
    blocksInvalidated: 0,
    staleRuleAnswers: 0,
  };
  /** The entity rules in effect, as the cache knows them. */
  private current: RulesKey = null;
  /** The last change of rules: an answer made just before it may still be carried over. */
  private transition: { from: RulesKey; to: RulesKey; change: BlockChange } | undefined;

  constructor(analyze: AnalyzeTexts, options: Partial<CacheOptions> = {}) {
    const { maxEntries, maxChars, concurrency, ...schedulerOptions } = { ...DEFAULTS, ...options };
    this.options = { maxEntries, maxChars };
    this.scheduler = new AnalysisScheduler(
      { analyze, concurrency, accept: (text, entities, rules) => this.accept(text, entities, rules) },
      schedulerOptions,
    );
  }

  get stats(): CacheStats {
    return { ...this.counts, ...this.scheduler.stats };
  }

  /** The latest `analyze` requests, oldest first, with when they were queued, sent and answered. */
  get recentBatches(): BatchTrace[] {
    return [...this.scheduler.recentBatches];
  }

  /**
   * The entities of `text` (offsets relative to it): at once from the cache, else a promise. The
   * claim may be a function of whether the text is already queued: it is only worked out for a
   * text the cache does not hold (most blocks of a document it does).
   */
  request(text: string, claim: Claim | ((queued: boolean) => Claim)): Entity[] | Promise<Entity[]> {
    this.counts.blocksRequested += 1;
    const hit = this.entries.get(text);
    if (hit && hit.rules === this.current) {
      this.counts.blocksFromCache += 1;
      return hit.entities;
    }
    const queued = this.scheduler.has(text);
    if (queued) this.counts.blocksFromCache += 1;
    return this.scheduler.request(text, typeof claim === 'function' ? claim(queued) : claim);
  }

  /** The entities of `text` if the cache holds them (for the rules in effect); nothing is queued. */
  peek(text: string): Entity[] | undefined {
    const hit = this.entries.get(text);
    return hit && hit.rules === this.current ? hit.entities : undefined;
  }

  /** Entities of each text, in order (all interactive unless a claim says otherwise). */
  entitiesFor(texts: readonly string[], claim: Claim = ANONYMOUS): Promise<Entity[][]> {
    return Promise.all(texts.map((text) => this.request(text, claim)));
  }

  /** Sends what is queued now, rather than once the current requests are all made. */
  flush(): void {
    this.scheduler.pump();
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

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  /** The hash of the entity rules the cache answers for. */
  get rules(): RulesKey {
    return this.current;
  }

  /**
   * The sidecar now applies the rules `to` (its answer to set_entity_rules). Results of the rules
   * in effect until now that `change` cannot affect are carried over; the others are dropped, and
   * answers on their way for them are not shared with new askers. Returns how many were carried
   * over and dropped.
   */
  rulesChanged(to: RulesKey, change: BlockChange): { carried: number; dropped: number } {
    const from = this.current;
    if (to === from) return { carried: 0, dropped: 0 };
    let carried = 0;
    let dropped = 0;
    for (const [text, entry] of this.entries) {
      if (entry.rules !== from) continue;
      if (change.affects(text, entry.entities)) {
        this.entries.delete(text);
        this.chars -= text.length;
        dropped += 1;
      } else {
        entry.rules = to;
        carried += 1;
      }
    }
    this.scheduler.detachSent((text) => change.affects(text, undefined));
    this.current = to;
    this.transition = { from, to, change };
    this.counts.blocksCarriedOver += carried;
    this.counts.blocksInvalidated += dropped;
    return { carried, dropped };
  }

  get size(): number {
    return this.entries.size;
  }

  /** A fresh answer for `text`, made with the rules `rules`: spans checked once, then remembered. */
  private accept(text: string, raw: Entity[], rules: RulesKey | undefined): Entity[] {
    const entities = raw.filter((entity) => isValidSpan(text, entity.start, entity.end));
    this.counts.invalidEntities += raw.length - entities.length;
    this.remember(text, entities, this.tagOf(text, entities, rules));
    return entities;
  }

  /** The rules an answer stands for: those it was made with, or the current ones if it carries over. */
  private tagOf(text: string, entities: readonly Entity[], rules: RulesKey | undefined): RulesKey {
    // An analyzer that does not name the rules (a sidecar before rules existed) has none to change.
    if (rules === undefined || rules === this.current) return this.current;
    const last = this.transition;
    if (last && last.to === this.current && last.from === rules && !last.change.affects(text, entities)) return this.current;
    this.counts.staleRuleAnswers += 1;
    return rules;
  }

  private remember(key: string, entities: Entity[], rules: RulesKey): void {
    const existing = this.entries.get(key);
    if (existing) {
      // A result of the rules in effect is never replaced by one of other rules.
      if (existing.rules !== this.current || rules === this.current) {
        existing.rules = rules;
        existing.entities = entities;
      }
      return;
    }
    // Map keeps insertion order: the first key is the oldest, evicted first.
    while (this.entries.size > 0 && (this.entries.size >= this.options.maxEntries || this.chars + key.length > this.options.maxChars)) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
      this.chars -= oldest.value.length;
    }
    this.entries.set(key, { rules, entities });
    this.chars += key.length;
  }
}
