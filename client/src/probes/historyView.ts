// The Probe History view (Explorer): saved transcripts from the server (samsara/transcriptHistory),
// grouped by date, scenario or model (historyTree.ts). A transcript opens as Markdown on click;
// its context menu compares it with another or deletes it; a comparison reopens the compare view;
// a campaign's runs sit under the campaign.
// Files the server could not read are listed under "Skipped files" with their reasons. Refreshes
// after every probe, on the folder's file changes, and on demand.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TranscriptHistoryRequest, transcriptHistorySchema, type TranscriptHistory } from '../../../shared/lsp';
import { campaignOfGroup } from '../../../shared/probes/campaignMessages';
import { modelLabel } from '../../../shared/probes/providers';
import { GROUP_MODES, groupHistory, type GroupMode, type HistoryNode } from './historyTree';

export const HISTORY_VIEW = 'samsara.probeHistory';
const GROUP_MODE_KEY = 'samsara.probeHistory.groupBy';

export class HistoryView implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private history: TranscriptHistory | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFolder: string | undefined;
  private reported = new Set<string>();

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
    this.changed.fire(undefined);
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (node) {
      if (node.kind === 'folder' || node.kind === 'campaign') return node.children;
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
    return this.history ? groupHistory(this.history, this.mode) : [];
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
        item.contextValue = 'samsara.campaign';
        item.tooltip = `The runs of the campaign "${node.campaign}" (Samsara: Run Campaign…)`;
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
