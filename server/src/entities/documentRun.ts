// One analysis of one document version: its blocks, each answered from the cache or on its way
// through the scheduler. The whole run resolves into the document's entities; a part of it (the
// visible screen a range request asks about) can be raised to interactive and awaited on its own,
// so the first screen of a big document is answered before the rest has been analysed.
import type { Claim, Priority } from '../analysis/scheduler';
import type { AnalysisCache } from '../features/analysisCache';
import type { Block } from '../features/blocks';
import type { Entity } from '../protocol/sidecar';
import type { DocumentEntity } from './entityModel';

export interface RunOptions {
  uri: string;
  version: number;
  blocks: readonly Block[];
  cache: AnalysisCache;
  /** How urgent each block is at the start (a range request may raise it later). */
  priorityOf(block: Block): { priority: Priority; raise: boolean };
  /** Whether entities of this label are shown (the hidden labels setting). */
  visible(label: string): boolean;
}

export class DocumentRun {
  readonly version: number;
  /** The document's entities once every block is answered; rejects when the sidecar failed. */
  readonly done: Promise<DocumentEntity[]>;
  private readonly blocks: readonly Block[];
  private readonly results: (Entity[] | Promise<Entity[]>)[];
  private released = false;

  constructor(private readonly options: RunOptions) {
    this.version = options.version;
    this.blocks = options.blocks;
    this.results = options.blocks.map((block) => options.cache.request(block.text, this.claim(options.priorityOf(block))));
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
    const answers = await Promise.all(this.results.slice(from, to));
    const entities: DocumentEntity[] = [];
    answers.forEach((found, i) => {
      const block = this.blocks[from + i];
      for (const entity of found) {
        if (!this.options.visible(entity.label)) continue;
        const span = documentSpan(block, entity);
        if (span) entities.push({ label: entity.label, text: entity.text, start: span.start, end: span.end });
      }
    });
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

/** Where an entity of `block` is in the document. */
function documentSpan(block: Block, entity: Entity): { start: number; end: number } | undefined {
  return { start: block.start + entity.start, end: block.start + entity.end };
}

/** The document offset just after the last character of `block`. */
function blockEnd(block: Block): number {
  return block.start + block.text.length;
}
