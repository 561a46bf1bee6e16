// Keeps the entity model of the shown document current for the Entities view: asks the server
// (`samsara/documentEntities`) when the shown document changes, and again when the server says
// that document's entities changed (`samsara/entitiesChanged`), coalescing the bursts typing
// causes. Answers are checked with the contract's zod schema; a late answer never replaces a
// newer one. No `vscode` import: the request and the timer are injected, so it is unit-tested
// with fakes.
import { DocumentEntitiesSchema, type DocumentEntities } from '../../../shared/lsp';

export type NoneReason = 'noDocument' | 'notAnalysed' | 'disabled';

export type FeedState =
  /** Nothing to show: no document, one Samsara does not analyse, or highlighting is off for it. */
  | { kind: 'none'; reason: NoneReason }
  /** Asked, or the server has not analysed the document yet (it will say when it has). */
  | { kind: 'waiting'; uri: string }
  | { kind: 'ready'; uri: string; model: DocumentEntities }
  | { kind: 'error'; uri: string; message: string };

export interface FeedDeps {
  /** Sends `samsara/documentEntities`; rejects when the language client is not running. */
  request(uri: string): Promise<unknown>;
  /** Runs `callback` after `ms`; the returned function cancels it. */
  schedule(callback: () => void, ms: number): () => void;
  /** Delay between a change notification and the request it causes. */
  delayMs: number;
  warn(message: string): void;
}

export class EntitiesFeed {
  private current: FeedState = { kind: 'none', reason: 'noDocument' };
  private readonly listeners = new Set<(state: FeedState) => void>();
  private visible = true;
  /** A change arrived while the view was hidden: ask when it shows again. */
  private stale = false;
  private cancelTimer: (() => void) | undefined;
  private inFlight = false;
  /** Another request is due once the one in flight answers. */
  private again = false;
  /** Bumped whenever the shown document changes, so answers about the previous one are dropped. */
  private generation = 0;

  constructor(private readonly deps: FeedDeps) {}

  get state(): FeedState {
    return this.current;
  }

  onDidChange(listener: (state: FeedState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows `uri` (a document Samsara analyses) and asks for its entities at once (once visible). */
  show(uri: string): void {
    if (this.shownUri() === uri) return;
    this.reset();
    this.set({ kind: 'waiting', uri });
    this.refresh();
  }

  /** Shows nothing, for the given reason. */
  clear(reason: NoneReason): void {
    this.reset();
    this.set({ kind: 'none', reason });
  }

  /** The server's `samsara/entitiesChanged`: re-ask, shortly, if it is about the shown document. */
  changed(uri: string): void {
    if (uri !== this.shownUri()) return;
    if (!this.visible) {
      this.stale = true;
      return;
    }
    // Leave a pending timer alone: while typing, the view then updates every delayMs instead of
    // waiting for the typing to stop.
    this.cancelTimer ??= this.deps.schedule(() => {
      this.cancelTimer = undefined;
      this.fetch();
    }, this.deps.delayMs);
  }

  /** Asks again now (the language client restarted, say). */
  refresh(): void {
    if (this.shownUri() === undefined) return;
    if (!this.visible) {
      this.stale = true;
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.fetch();
  }

  /** While the view is hidden nothing is fetched: changes are noted and fetched once it shows. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) {
      this.stale = false;
      this.refresh();
    }
  }

  dispose(): void {
    this.reset();
    this.listeners.clear();
  }

  private shownUri(): string | undefined {
    return this.current.kind === 'none' ? undefined : this.current.uri;
  }

  private reset(): void {
    this.generation += 1;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.inFlight = false;
    this.again = false;
    this.stale = false;
  }

  private set(state: FeedState): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  private fetch(): void {
    const uri = this.shownUri();
    if (uri === undefined) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    const generation = this.generation;
    this.deps.request(uri).then(
      (answer) => generation === this.generation && this.settle(uri, () => this.accept(uri, answer)),
      (error: unknown) => generation === this.generation && this.settle(uri, () => this.fail(uri, error)),
    );
  }

  private settle(uri: string, apply: () => void): void {
    this.inFlight = false;
    apply();
    if (this.again) {
      this.again = false;
      if (this.shownUri() === uri) this.fetch();
    }
  }

  private accept(uri: string, answer: unknown): void {
    if (answer === null) {
      // Not analysed yet (or highlighting is off): entitiesChanged will come once it is.
      this.set({ kind: 'waiting', uri });
      return;
    }
    const parsed = DocumentEntitiesSchema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = `The server answered samsara/documentEntities with an unexpected shape (${issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'invalid'})`;
      this.deps.warn(message);
      this.set({ kind: 'error', uri, message });
      return;
    }
    const model = parsed.data;
    if (model.uri !== uri) {
      this.deps.warn(`Ignoring entities of ${model.uri}, asked for ${uri}`);
      return;
    }
    // Requests answer in order, but a refresh racing a change could still bring an older model.
    if (this.current.kind === 'ready' && this.current.model.version > model.version) return;
    this.set({ kind: 'ready', uri, model });
  }

  private fail(uri: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.warn(`samsara/documentEntities for ${uri} failed: ${message}`);
    this.set({ kind: 'error', uri, message });
  }
}
