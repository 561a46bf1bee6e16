// The scheduler's waiting room: the texts queued for the sidecar and the order they leave in.
// Interactive texts leave first, in the order they came; then background texts, then scan texts,
// each served round-robin by group (a document URI), so one 1.5 MB file does not hold up a second
// one. A text raised to a higher priority is pushed again onto the higher queue; the entry left
// behind is skipped as stale when it comes up (a promotion is a push, not a search).
import type { Entity } from '../protocol/sidecar';

export type Priority = 'interactive' | 'background' | 'scan';

/** Higher goes first. */
export const RANK: Readonly<Record<Priority, number>> = { interactive: 2, background: 1, scan: 0 };

/** A text asked for, from its first request until its answer (or until nobody waits for it). */
export interface Item {
  readonly text: string;
  readonly group: string;
  priority: Priority;
  state: 'queued' | 'sent' | 'dropped';
  /** When it was queued, on the shared clock (traceClock). */
  readonly queuedAt: number;
  readonly owners: Set<object>;
  readonly promise: Promise<Entity[]>;
  resolve(entities: Entity[]): void;
  reject(error: unknown): void;
}

/** A first-in first-out queue that skips entries gone stale (promoted, dropped) lazily. */
class Fifo {
  private items: Item[] = [];
  private head = 0;

  push(item: Item): void {
    this.items.push(item);
  }

  /** The next item `live` accepts, discarding the ones before it that it does not. */
  peek(live: (item: Item) => boolean): Item | undefined {
    while (this.head < this.items.length && !live(this.items[this.head])) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }

  shift(): void {
    this.head++;
  }
}

export class SchedulerQueues {
  private readonly interactive = new Fifo();
  /** Background and scan queues by group; Map order is the round-robin order (a served group moves last). */
  private readonly background = new Map<string, Fifo>();
  private readonly scan = new Map<string, Fifo>();

  /** Queues `item` at `priority` (again, when it is raised: its older entry goes stale). */
  push(item: Item, priority: Priority, group: string): void {
    this.queueFor(priority, group).push(item);
  }

  /**
   * The next batch: interactive texts up to `interactiveChars`, else the next group's background
   * texts, else scan texts, up to `backgroundChars` (always at least one text).
   */
  next(interactiveChars: number, backgroundChars: number): { items: Item[]; priority: Priority } | undefined {
    const urgent = take(this.interactive, 'interactive', interactiveChars);
    if (urgent.length > 0) return { items: urgent, priority: 'interactive' };
    return roundRobin(this.background, 'background', backgroundChars) ?? roundRobin(this.scan, 'scan', backgroundChars);
  }

  private queueFor(priority: Priority, group: string): Fifo {
    if (priority === 'interactive') return this.interactive;
    const groups = priority === 'background' ? this.background : this.scan;
    let queue = groups.get(group);
    if (!queue) {
      queue = new Fifo();
      groups.set(group, queue);
    }
    return queue;
  }
}

/** A batch from the next group of `groups` that has live items of `priority`. */
function roundRobin(groups: Map<string, Fifo>, priority: Priority, budget: number): { items: Item[]; priority: Priority } | undefined {
  for (const [group, queue] of groups) {
    const items = take(queue, priority, budget);
    // Served (or empty): out of the rotation, back at its end if anything is left.
    groups.delete(group);
    if (queue.peek((item) => live(item, priority)) !== undefined) groups.set(group, queue);
    if (items.length > 0) return { items, priority };
  }
  return undefined;
}

/** Live items from the head of `queue` up to `budget` characters (at least one). */
function take(queue: Fifo, priority: Priority, budget: number): Item[] {
  const batch: Item[] = [];
  let chars = 0;
  for (let item = queue.peek((i) => live(i, priority)); item; item = queue.peek((i) => live(i, priority))) {
    if (batch.length > 0 && chars + item.text.length > budget) break;
    queue.shift();
    batch.push(item);
    chars += item.text.length;
  }
  return batch;
}

/** Still waiting in this queue: not sent, dropped, or raised to another one. */
function live(item: Item, priority: Priority): boolean {
  return item.state === 'queued' && item.priority === priority;
}
