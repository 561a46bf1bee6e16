// One analysis of one document version: its blocks, each answered from the cache or on its way
// through the scheduler. The whole run resolves into the document's entities; a part of it (the
// visible screen a range request asks about) can be raised to interactive and awaited on its own,
// so the first screen of a big document is answered before the rest has been analysed.
import type { Claim, Priority } from './scheduler';
import type { AnalysisCache } from './analysisCache';
import type { Entity } from '../protocol/sidecar';
import { documentSpan, sourceOffset, type ProseBlock } from '../text/proseBlock';
import type { AnalysisUnit } from './analysisUnits';
import type { DocumentEntity } from '../entities/entityModel';

export interface RunOptions {
  uri: string;
  version: number;
  blocks: readonly AnalysisUnit[];
  cache: AnalysisCache;
  /**
   * How urgent a block the cache does not hold is at the start (a range request may raise it
   * later), knowing whether it is already queued (for another run, or another document).
   */
  priorityOf(block: ProseBlock, queued: boolean): { priority: Priority; raise: boolean };
  /** Whether entities of this label are shown (the hidden labels setting). */
  visible(label: string): boolean;
  /** After an edit: what it changed, asked for first (see RunEdit). */
  edit?: RunEdit;
}

/**
 * What an edit changed. `changed`: the units whose text is new, in order; what they queue is sent
 * to the sidecar before the rest is even looked up in the cache (that look-up costs ~1 ms for
 * 300 KB; the sidecar can be working meanwhile). Of those, a unit whose core the edit left alone
 * (only its context changed: the edit is within CONTEXT_WORDS of its cut) has its previous run's
 * entities shown first (`previous` and `origin`: its unit there), and is only sent when `done` is
 * asked for: after the first tokens, once typing pauses (documentAnalyzer.ts), so that it never
 * holds up the next keystroke's unit in the sidecar.
 */
export interface RunEdit {
  changed: readonly number[];
  origin: readonly number[];
  previous?: DocumentRun;
}

export class DocumentRun {
  readonly version: number;
  /**
   * The document's entities as shown first: every unit answered, but those whose context alone
   * an edit changed, which show their previous entities; rejects when the sidecar failed.
   */
  readonly first: Promise<DocumentEntity[]>;
  private exact: Promise<DocumentEntity[]> | undefined;
  private readonly blocks: readonly AnalysisUnit[];
  private readonly results: (Entity[] | Promise<Entity[]> | undefined)[];
  /** Units held back with their previous entities (offsets in their own text), until `done`. */
  private readonly held = new Map<number, Entity[]>();
  private released = false;
  /** Units the cache did not hold when the run started (sent, or already on their way), and their characters. */
  readonly sent = { unitsSent: 0, charsSent: 0 };

  constructor(private readonly options: RunOptions) {
    this.version = options.version;
    this.blocks = options.blocks;
    this.results = new Array<Entity[] | Promise<Entity[]> | undefined>(this.blocks.length);
    const edit = options.edit;
    if (edit) {
      let waiting = false;
      const neighbours = new Map<number, Entity[]>();
      for (const i of edit.changed) {
        const previous = edit.origin[i] >= 0 ? this.previousEntities(i, edit) : undefined;
        if (previous) neighbours.set(i, previous);
        else if (this.ask(i)) waiting = true;
      }
      if (waiting) options.cache.flush();
      for (const [i, previous] of neighbours) {
        const known = options.cache.peek(this.blocks[i].text);
        if (known) this.results[i] = known;
        else this.held.set(i, previous);
      }
    }
    for (let i = 0; i < this.blocks.length; i++) {
      if (this.results[i] !== undefined || this.held.has(i)) continue;
      // Held back in the previous run and still not in the cache (typing went on elsewhere): held still.
      const o = edit?.origin[i] ?? -1;
      const previous = o >= 0 && edit?.previous?.isHeld(o) ? this.previousEntities(i, edit) : undefined;
      if (previous && !options.cache.peek(this.blocks[i].text)) this.held.set(i, previous);
      else this.ask(i);
    }
    this.first = this.settle(0, this.blocks.length);
    // A failure is read through `first` by the analyzer; a released run's is nobody's business.
    this.first.catch(() => undefined);
    if (this.held.size === 0) this.exact = this.first;
  }

  /** Whether `first` shows previous entities for units whose context changed (`done` checks them). */
  get provisional(): boolean {
    return this.held.size > 0;
  }

  /** The document's entities, every unit answered for its own text: asking sends the units held back. */
  get done(): Promise<DocumentEntity[]> {
    if (!this.exact) {
      for (const i of [...this.held.keys()]) this.ask(i);
      this.held.clear();
      this.exact = this.settle(0, this.blocks.length);
      this.exact.catch(() => undefined);
    }
    return this.exact;
  }

  /** Entities of unit `i` as far as they are known now (offsets in its text): its answer, or the previous ones shown for it. */
  known(i: number): Entity[] | undefined {
    const result = this.results[i];
    return Array.isArray(result) ? result : this.held.get(i);
  }

  /** Whether unit `i` is held back with previous entities (not asked for yet). */
  isHeld(i: number): boolean {
    return this.held.has(i);
  }

  /** Asks the cache for unit `i`; whether it has to wait for the sidecar. */
  private ask(i: number): boolean {
    const block = this.blocks[i];
    const result = this.options.cache.request(block.text, (queued) => this.claim(this.options.priorityOf(block, queued)));
    this.results[i] = result;
    if (!(result instanceof Promise)) return false;
    this.sent.unitsSent += 1;
    this.sent.charsSent += block.text.length;
    result.then(
      (entities) => {
        if (this.results[i] === result) this.results[i] = entities;
      },
      () => undefined,
    );
    return true;
  }

  /**
   * The entities unit `i`'s counterpart had in the previous run, moved to this unit's text: those
   * that start in its core (the same text), the ones that run past its end only if their text is
   * still there. Undefined when the previous run is still waiting for it.
   */
  private previousEntities(i: number, edit: RunEdit): Entity[] | undefined {
    const o = edit.origin[i];
    const found = edit.previous?.known(o);
    const before = edit.previous?.blocks[o];
    if (!found || !before) return undefined;
    const unit = this.blocks[i];
    const shift = unit.coreFrom - before.coreFrom;
    const moved: Entity[] = [];
    for (const entity of found) {
      if (entity.start < before.coreFrom || entity.start >= before.coreTo) continue;
      const start = entity.start + shift;
      const end = entity.end + shift;
      if (entity.end <= before.coreTo || unit.text.slice(start, end) === entity.text) moved.push({ ...entity, start, end });
    }
    return moved;
  }

  /** The entities that overlap [start, end) of the document, analysing their blocks first. */
  async entitiesIn(start: number, end: number): Promise<DocumentEntity[]> {
    const first = this.firstBlockEndingAfter(start);
    let last = first;
    while (last < this.blocks.length && this.blocks[last].start < end) last += 1;
    for (let i = first; i < last; i++) {
      if (this.held.delete(i)) this.ask(i);
      if (this.results[i] instanceof Promise)
        this.options.cache.raise(this.blocks[i].text, this.claim({ priority: 'interactive', raise: true }));
    }
    const entities = await this.settle(first, last);
    return entities.filter((entity) => entity.end > start && entity.start < end);
  }

  /** Nothing waits for this run any more: its queued blocks nobody else needs are dropped. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.options.cache.release(this);
  }

  private claim({ priority, raise }: { priority: Priority; raise: boolean }): Claim {
    return { owner: this, group: this.options.uri, priority, raise };
  }

  /** Entities of blocks [from, to) in document order, once all of them are answered. */
  private async settle(from: number, to: number): Promise<DocumentEntity[]> {
    // The scheduler sends what the run queued from a microtask (after an edit, the edited blocks
    // went out already: see the constructor): a turn of the event loop lets that go first, however
    // many promise steps it takes to the sidecar's stdin. Then the blocks answered already (most
    // of them, from the cache) are mapped while the sidecar works, so that after its answer only
    // its own blocks are left to map (~1 ms less for 300 KB).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const mapped: DocumentEntity[][] = new Array<DocumentEntity[]>(to - from);
    const pending: number[] = [];
    for (let i = from; i < to; i++) {
      const result = this.results[i] ?? this.held.get(i) ?? [];
      if (result instanceof Promise) pending.push(i);
      else mapped[i - from] = this.mapBlock(i, result);
    }
    for (const i of pending) mapped[i - from] = this.mapBlock(i, (await this.results[i]) ?? []);
    return mapped.flat();
  }

  /**
   * A unit's visible entities that start in its core (analysisUnits.ts), at document offsets (a
   * unit's prose is not a slice of the document).
   */
  private mapBlock(index: number, found: readonly Entity[]): DocumentEntity[] {
    const block = this.blocks[index];
    const entities: DocumentEntity[] = [];
    for (const entity of found) {
      if (entity.start < block.coreFrom || entity.start >= block.coreTo || !this.options.visible(entity.label)) continue;
      const span = documentSpan(block, entity.start, entity.end);
      if (span) entities.push({ label: entity.label, text: entity.text, start: span.start, end: span.end });
    }
    return entities;
  }

  private firstBlockEndingAfter(offset: number): number {
    let low = 0;
    let high = this.blocks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (blockEnd(this.blocks[mid]) <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** The document offset just after the last character of `block`'s prose. */
function blockEnd(block: ProseBlock): number {
  return block.text.length === 0 ? block.start : block.start + sourceOffset(block.runs, block.text.length - 1) + 1;
}
