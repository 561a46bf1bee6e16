// Commands of the Probe History view: open a transcript, compare it with another, reopen a
// comparison, delete, regroup, refresh; and "Open as Markdown" of a compare view. The server reads
// and deletes (it owns the transcript folder); this side asks, confirms and shows.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DeleteTranscriptRequest, type HistoryEntry } from '../../../shared/lsp';
import { modelLabel } from '../../../shared/probes/providers';
import type { CompareViews } from './compareView';
import { GROUP_MODES, localParts, type HistoryNode } from './historyTree';
import { HISTORY_VIEW, type HistoryView } from './historyView';
import { openSavedTranscript } from './transcriptPreview';

type Guard = (name: string, run: () => Promise<void>) => () => Promise<void>;

function entryOf(node: unknown): HistoryEntry | undefined {
  const n = node as HistoryNode | undefined;
  return n?.kind === 'transcript' ? n.entry : undefined;
}

/** A transcript of the history, picked (newest first) when the command did not come from the tree. */
async function pickEntry(history: HistoryView, title: string, except?: string): Promise<HistoryEntry | undefined> {
  const items = history
    .entries()
    .filter((e) => e.json !== except)
    .map((e) => {
      const { date, time } = localParts(e.startedAt);
      return { label: `${date} ${time} ${modelLabel(e.model)}`, description: e.scenarioTitle, detail: e.excerpt, entry: e };
    });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Samsara: no other saved transcript to choose.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Transcript', ignoreFocusOut: true }))?.entry;
}

export function registerHistoryCommands(
  history: HistoryView,
  compare: CompareViews,
  client: () => LanguageClient,
  log: vscode.LogOutputChannel,
  guard: Guard,
): vscode.Disposable[] {
  const view = vscode.window.createTreeView(HISTORY_VIEW, { treeDataProvider: history, showCollapseAll: true });
  const command = (id: string, name: string, run: (node: unknown) => Promise<void>): vscode.Disposable =>
    vscode.commands.registerCommand(id, (node?: unknown) => guard(name, () => run(node))());
  return [
    view,
    command('samsara.history.refresh', 'Refresh Probe History', async () => history.refresh()),
    command('samsara.history.groupBy', 'Group Probe History', async () => {
      const picked = await vscode.window.showQuickPick(
        GROUP_MODES.map((mode) => ({ label: `By ${mode}`, mode, picked: mode === history.mode })),
        { title: 'Samsara: Group the probe history', placeHolder: `Now by ${history.mode}` },
      );
      if (picked) await history.setMode(picked.mode);
    }),
    command('samsara.history.open', 'Open Transcript', async (node) => {
      const entry = entryOf(node) ?? (await pickEntry(history, 'Samsara: Open probe transcript'));
      if (!entry) return;
      await openSavedTranscript(client(), log, entry);
    }),
    command('samsara.history.compareWith', 'Compare With…', async (node) => {
      const first = entryOf(node) ?? (await pickEntry(history, 'Samsara: Compare which transcript…'));
      if (!first) return;
      const second = await pickEntry(history, `Samsara: Compare ${modelLabel(first.model)} with…`, first.json);
      if (second) await compare.open(client(), { json: [first.json, second.json] });
    }),
    command('samsara.history.openComparison', 'Open Comparison', async (node) => {
      const n = node as HistoryNode | undefined;
      const group = n?.kind === 'comparison' ? n.group : entryOf(node)?.group;
      if (group) await compare.open(client(), { group });
    }),
    command('samsara.history.delete', 'Delete Transcript', async (node) => {
      const entry = entryOf(node) ?? (await pickEntry(history, 'Samsara: Delete which transcript?'));
      if (!entry) return;
      const choice = await vscode.window.showWarningMessage(
        `Delete the transcript ${entry.name}?`,
        { modal: true, detail: 'Its JSON and Markdown files are removed from the transcript folder.' },
        'Delete',
      );
      if (choice !== 'Delete') return;
      // The server logs what it deleted.
      await client().sendRequest(DeleteTranscriptRequest, { json: entry.json });
      history.refresh();
    }),
    command('samsara.compare.openMarkdown', 'Open Comparison as Markdown', async () => compare.openMarkdown(client())),
  ];
}
