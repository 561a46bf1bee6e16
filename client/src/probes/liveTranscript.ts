// The transcript of a running probe, filling in as tokens arrive: a read-only virtual Markdown
// document (scheme samsara-probe:) rendered from the server's `samsara/probeStream`
// notifications. When the probe ends, the saved transcript replaces it on screen.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProbeStreamNotification, probeStreamParamsSchema, type ProbeStreamEvent } from '../../../shared/lsp';

export const LIVE_SCHEME = 'samsara-probe';

interface LiveTurn {
  prompt: string;
  text: string;
}

interface LiveRun {
  uri: vscode.Uri;
  /** Opened on the first event: a probe refused before it starts (no key…) shows no document. */
  opened?: Promise<void>;
  column?: vscode.ViewColumn;
  title: string;
  total: number;
  turns: LiveTurn[];
  state: 'running' | 'done';
}

/** Pure rendering of a live run, for the document and for tests. */
export function renderLive(run: Pick<LiveRun, 'title' | 'turns' | 'total' | 'state'>): string {
  const status = run.state === 'running' ? '_Receiving…_' : '_Done: opening the saved transcript._';
  const lines = [`# ${run.title}`, '', status, ''];
  run.turns.forEach((turn, i) => {
    lines.push(`## Turn ${i + 1} of ${run.total}`, '', ...turn.prompt.split('\n').map((l) => `> ${l}`), '', turn.text, '');
  });
  return lines.join('\n');
}

export class LiveTranscripts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly runs = new Map<string, LiveRun>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private subscription: vscode.Disposable | undefined;
  private attachedTo: LanguageClient | undefined;
  private readonly registration: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, this);
  }

  /** Listens to a (re)started language client's stream notifications. */
  attach(client: LanguageClient): void {
    if (this.attachedTo === client) return;
    this.attachedTo = client;
    this.subscription?.dispose();
    this.subscription = client.onNotification(ProbeStreamNotification, (params) => {
      const parsed = probeStreamParamsSchema.safeParse(params);
      if (!parsed.success) {
        this.log.warn(`Ignoring a malformed ${ProbeStreamNotification.method} notification`);
        return;
      }
      this.apply(parsed.data.runId, parsed.data.event);
    });
  }

  /** Announces a run the caller is about to start; its document opens when the first turn begins. */
  expect(runId: string, title: string, column?: vscode.ViewColumn): void {
    const uri = vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${title.replace(/[^A-Za-z0-9._-]+/g, '-')}.md`, query: `run=${runId}` });
    this.runs.set(runId, { uri, title, total: 1, turns: [], state: 'running', column });
  }

  private async show(run: LiveRun): Promise<void> {
    const document = await vscode.workspace.openTextDocument(run.uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: run.column, preserveFocus: true });
  }

  /** The run ended: its live document closes, and the saved transcript takes its place. */
  async finish(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (!run) return;
    run.state = 'done';
    this.runs.delete(runId);
    if (!run.opened) return;
    await run.opened.catch(() => undefined);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === run.uri.toString());
    if (tab) await vscode.window.tabGroups.close(tab, true);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const run = [...this.runs.values()].find((r) => r.uri.toString() === uri.toString());
    // A document asked for after its run ended (reopened from history) says where the result is.
    return run ? renderLive(run) : '# Samsara probe\n\nThis probe is no longer running; its transcript is saved.\n';
  }

  private apply(runId: string, event: ProbeStreamEvent): void {
    const run = this.runs.get(runId);
    if (!run) return;
    // VS Code drops a content change for a document it has not finished opening, and the text it
    // asked for may predate the tokens that arrived meanwhile: render once more when it is open,
    // or a stream that pauses (or hangs) after its first pieces would show nothing of them.
    run.opened ??= this.show(run).then(
      () => this.schedule(run.uri),
      (error: unknown) => this.log.warn(`Cannot show the live transcript: ${String(error)}`),
    );
    if (event.kind === 'turn') {
      run.total = event.total;
      run.turns[event.turn] = { prompt: event.prompt, text: '' };
    } else {
      const turn = run.turns[event.turn];
      if (!turn) return;
      turn.text = event.kind === 'delta' ? turn.text + event.text : '';
    }
    this.schedule(run.uri);
  }

  /** Many deltas a second: the document is re-rendered at most every 50 ms. */
  private schedule(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      for (const key of this.pending) this.changed.fire(vscode.Uri.parse(key));
      this.pending.clear();
    }, 50);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.subscription?.dispose();
    this.registration.dispose();
    this.changed.dispose();
  }
}
