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
  /**
   * After an edit, the index of the first block it may have changed: the blocks from there are
   * asked for first, and what they queue is sent to the sidecar before the rest is even looked
   * up in the cache (that look-up costs ~1 ms for 300 KB; the sidecar can be working meanwhile).
   */
  firstNew?: number;
}

export class DocumentRun {
  readonly version: number;
  /** The document's entities once every block is answered; rejects when the sidecar failed. */
  readonly done: Promise<DocumentEntity[]>;
  private readonly blocks: readonly AnalysisUnit[];
  private readonly results: (Entity[] | Promise<Entity[]>)[];
  private released = false;

  constructor(private readonly options: RunOptions) {
    this.version = options.version;
    this.blocks = options.blocks;
    this.results = new Array<Entity[] | Promise<Entity[]>>(this.blocks.length);
    const ask = (i: number): boolean => {
      const block = this.blocks[i];
      const result = options.cache.request(block.text, (queued) => this.claim(options.priorityOf(block, queued)));
      this.results[i] = result;
      return result instanceof Promise;
    };
    const first = Math.min(options.firstNew ?? 0, this.blocks.length);
    let next = first;
    if (options.firstNew !== undefined) {
      // From the first changed block to the first block after it the cache answers: the edit.
      let waiting = false;
      while (next < this.blocks.length) {
        const pending = ask(next++);
        if (pending) waiting = true;
        else if (waiting) break;
      }
      if (waiting) options.cache.flush();
    }
    while (next < this.blocks.length) ask(next++);
    for (let i = 0; i < first; i++) ask(i);
    this.done = this.settle(0, this.blocks.length);
    // A failure is read through `done` by the analyzer; a released run's is nobody's business.
    this.done.catch(() => undefined);
  }

  /** The entities that overlap [start, end) of the document, analysing their blocks first. */
  async entitiesIn(start: number, end: number): Promise<DocumentEntity[]> {
    const first = this.firstBlockEndingAfter(start);
    let last = first;
    while (last < this.blocks.length && this.blocks[last].start < end) last += 1;
    for (let i = first; i < last; i++) {
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
      const result = this.results[i];
      if (result instanceof Promise) pending.push(i);
      else mapped[i - from] = this.mapBlock(i, result);
    }
    for (const i of pending) {
      const entities = await this.results[i];
      this.results[i] = entities;
      mapped[i - from] = this.mapBlock(i, entities);
    }
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
