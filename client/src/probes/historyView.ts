// The Probe History view (Explorer): saved transcripts from the server (samsara/transcriptHistory),
// grouped by date, scenario or model (historyTree.ts). A transcript opens as Markdown on click;
// its context menu compares it with another or deletes it; a comparison reopens the compare view;
// a campaign's runs sit under the campaign.
// Files the server could not read are listed under "Skipped files" with their reasons. Refreshes
// after every probe, on the folder's file changes, and on demand. When samsara.probes.store is set,
// the probe store's campaigns follow (read in the background: a slow or unreachable database never
// holds up the local transcripts; its problem shows on its node and in the log).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TranscriptHistoryRequest, transcriptHistorySchema, type TranscriptHistory } from '../../../shared/lsp';
import { campaignOfGroup } from '../../../shared/probes/campaignMessages';
import { modelLabel } from '../../../shared/probes/providers';
import { GROUP_MODES, groupHistory, storeNodes, type GroupMode, type HistoryNode } from './historyTree';
import { readStoreHistory } from './probeStore';

export const HISTORY_VIEW = 'samsara.probeHistory';
const GROUP_MODE_KEY = 'samsara.probeHistory.groupBy';

export class HistoryView implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private history: TranscriptHistory | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;
  private reported = new Set<string>();
  private store: Awaited<ReturnType<typeof readStoreHistory>> | undefined;
  private storeLoading: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get mode(): GroupMode {
    const stored = this.context.workspaceState.get<string>(GROUP_MODE_KEY);
    return GROUP_MODES.find((m) => m === stored) ?? 'date';
  }

  async setMode(mode: GroupMode): Promise<void> {
    await this.context.workspaceState.update(GROUP_MODE_KEY, mode);
    this.changed.fire(undefined);
  }

  /** Everything in the folder, as last read. */
  entries(): TranscriptHistory['entries'] {
    return this.history?.entries ?? [];
  }

  refresh(): void {
    this.history = undefined;
    this.store = undefined;
    this.storeLoading = undefined;
    this.changed.fire(undefined);
  }

  /** The probe store's listing as last read (tests and "Open Campaign Results…" read it). */
  storeListing(): Awaited<ReturnType<typeof readStoreHistory>> | undefined {
    return this.store;
  }

  /** Reads the store in the background; the tree is redrawn when it answers. */
  private loadStore(): void {
    const client = this.client();
    if (this.storeLoading || !client?.isRunning()) return;
    const loading = readStoreHistory(client, this.context.secrets).then((read) => {
      if (this.storeLoading !== loading) return;
      this.store = read;
      if ('problem' in read && !this.reported.has(read.problem)) {
        this.reported.add(read.problem);
        this.log.warn(`Probe store: ${read.problem}`);
      }
      this.changed.fire(undefined);
    });
    this.storeLoading = loading;
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (node) {
      if (node.kind === 'folder' || node.kind === 'campaign' || node.kind === 'store') return node.children;
      if (node.kind === 'comparison')
        return node.entries.map((entry) => ({
          kind: 'transcript',
          entry,
          label: modelLabel(entry.model),
          description: entry.outcome === 'completed' ? '' : entry.outcome,
        }));
      if (node.kind === 'skipped') return node.problems.map((p) => ({ kind: 'problem', ...p }));
      return [];
    }
    this.history ??= await this.load();
    if (!this.store) this.loadStore();
    return [...(this.history ? groupHistory(this.history, this.mode) : []), ...storeNodes(this.store)];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder':
        return Object.assign(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded), {
          contextValue: 'samsara.historyFolder',
        });
      case 'campaign': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.contextValue = node.stored ? 'samsara.campaign.stored' : 'samsara.campaign';
        item.tooltip = node.stored
          ? `The runs of the campaign "${node.campaign}" in the probe store (right-click: Open Campaign Results)`
          : `The runs of the campaign "${node.campaign}" (Samsara: Run Campaign…)`;
        return item;
      }
      case 'store': {
        const state = node.problem ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
        const item = new vscode.TreeItem(node.label, state);
        item.description = node.problem ?? node.description;
        item.iconPath = new vscode.ThemeIcon(node.problem ? 'warning' : 'database');
        item.contextValue = 'samsara.probeStore';
        item.tooltip = node.problem
          ? `The probe store could not be read: ${node.problem}`
          : `Campaign transcripts in the shared store (samsara.probes.store): ${node.description}`;
        return item;
      }
      case 'stored': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.entry.outcome === 'completed' ? 'comment-discussion' : 'warning');
        item.contextValue = 'samsara.storedTranscript';
        item.tooltip = [
          `${node.entry.scenarioTitle} — ${modelLabel(node.entry.model)}`,
          `${node.entry.passage}${node.entry.repeat > 1 ? ` #${node.entry.repeat}` : ''}`,
          `${node.entry.outcome} · run by ${node.entry.worker}`,
          'In the probe store (read-only)',
        ].join('\n');
        item.command = { title: 'Open Stored Transcript', command: 'samsara.history.openStored', arguments: [node] };
        return item;
      }
      case 'comparison': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('split-horizontal');
        item.contextValue = 'samsara.comparison';
        item.tooltip = node.entries.map((e) => modelLabel(e.model)).join('\n');
        item.command = { title: 'Open Comparison', command: 'samsara.history.openComparison', arguments: [node] };
        return item;
      }
      case 'transcript': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.entry.outcome === 'completed' ? 'comment-discussion' : 'warning');
        // A campaign's run is no comparison: "Open Comparison" is not offered for it.
        const compared = node.entry.group !== undefined && campaignOfGroup(node.entry.group) === undefined;
        item.contextValue = compared ? 'samsara.transcript.grouped' : 'samsara.transcript';
        item.tooltip = [
          node.entry.name,
          `${node.entry.scenarioTitle} — ${modelLabel(node.entry.model)}`,
          `${node.entry.outcome}${node.entry.reason ? `: ${node.entry.reason}` : ''}`,
          node.entry.excerpt ? `“${node.entry.excerpt}”` : '',
        ]
          .filter(Boolean)
          .join('\n');
        item.resourceUri = vscode.Uri.file(node.entry.json);
        item.command = { title: 'Open Transcript', command: 'samsara.history.open', arguments: [node] };
        return item;
      }
      case 'skipped': {
        const item = new vscode.TreeItem(`Skipped files (${node.problems.length})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('warning');
        item.tooltip = 'Files of the transcript folder that are not readable transcripts';
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.file.split(/[\\/]/).pop() ?? node.file, vscode.TreeItemCollapsibleState.None);
        item.description = node.problem;
        item.tooltip = `${node.file}\n${node.problem}`;
        item.iconPath = new vscode.ThemeIcon('error');
        return item;
      }
    }
  }

  private async load(): Promise<TranscriptHistory | undefined> {
    const client = this.client();
    if (!client?.isRunning()) return undefined;
    const resource = vscode.window.activeTextEditor?.document.uri.toString();
    try {
      const parsed = transcriptHistorySchema.safeParse(await client.sendRequest(TranscriptHistoryRequest, resource ? { resource } : {}));
      if (!parsed.success) throw new Error(`invalid answer: ${parsed.error.issues[0]?.message}`);
      for (const p of parsed.data.problems) {
        if (this.reported.has(p.file)) continue;
        this.reported.add(p.file);
        this.log.warn(`Probe history: skipped ${p.file}: ${p.problem}`);
      }
      this.watch(parsed.data.folder);
      return parsed.data;
    } catch (error) {
      this.log.warn(`Probe history: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Transcripts saved by anyone (the command line too) show up without a manual refresh. */
  private watch(folder: string): void {
    if (this.watchedFolder === folder) return;
    this.watcher?.dispose();
    this.watchedFolder = folder;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '*.json'));
    const refresh = (): void => this.refresh();
    this.watcher.onDidCreate(refresh);
    this.watcher.onDidDelete(refresh);
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
