// What the Workspace mode shows: samsara/workspaceEntities, asked when the view is shown in that
// mode and again (coalesced) after each samsara/workspaceIndexChanged; answers checked with the
// contract's schema (a server of another version may send anything). No `vscode` import: the
// request and the timer are injected, so it is unit-tested without an editor.
import { WorkspaceEntitiesSchema, type WorkspaceEntities } from '../../../shared/lsp';

export type WorkspaceFeedState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'ready'; model: WorkspaceEntities }
  | { kind: 'error'; message: string };

export interface WorkspaceFeedDeps {
  /** Asks the server; null when no server runs. */
  request(): Promise<unknown>;
  schedule(callback: () => void, ms: number): () => void;
  delayMs: number;
  warn(message: string): void;
}

export class WorkspaceEntitiesFeed {
  private current: WorkspaceFeedState = { kind: 'idle' };
  private active = false;
  private cancelTimer: (() => void) | undefined;
  /** Bumped by every request: only the latest answer is shown. */
  private ticket = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: WorkspaceFeedDeps) {}

  get state(): WorkspaceFeedState {
    return this.current;
  }

  /** Whether the Workspace mode is shown (nothing is asked while it is not). */
  setActive(active: boolean): void {
    this.active = active;
    if (active) void this.load();
    else this.cancel();
  }

  /** The index changed: ask again in a moment (a scan sends many). */
  changed(): void {
    if (!this.active || this.cancelTimer) return;
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = undefined;
      void this.load();
    }, this.deps.delayMs);
  }

  /** A new server (a restart): ask again if shown. */
  refresh(): void {
    if (this.active) void this.load();
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }

  private cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.ticket += 1;
  }

  private async load(): Promise<void> {
    const ticket = ++this.ticket;
    if (this.current.kind !== 'ready') this.set({ kind: 'waiting' });
    let answer: unknown;
    try {
      answer = await this.deps.request();
    } catch (error) {
      if (ticket === this.ticket) this.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (ticket !== this.ticket) return;
    if (answer === null) return this.set({ kind: 'waiting' });
    const parsed = WorkspaceEntitiesSchema.safeParse(answer);
    if (!parsed.success) {
      this.deps.warn(`Ignoring a malformed samsara/workspaceEntities answer: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
      return this.set({ kind: 'error', message: 'the language server sent an answer this version cannot read' });
    }
    this.set({ kind: 'ready', model: parsed.data });
  }

  private set(state: WorkspaceFeedState): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener();
  }
}
