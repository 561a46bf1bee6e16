// The Entities view in the Explorer: follows the active editor, keeps its model current through
// the feed, and offers its commands (filter, copy as CSV, export as JSON, go to a mention). In its
// Workspace mode (workspaceMode.ts) it lists the entities of every file of the workspace instead.
// Context keys drive the view's welcome texts and title buttons:
//   samsara.entitiesView     noDocument | notAnalysed | disabled | waiting | error | empty | filteredEmpty | ready
//                            (Workspace mode: workspaceOff | workspaceWaiting | workspaceEmpty too)
//   samsara.entitiesFiltered whether a filter is set
//   samsara.entitiesMode     document | workspace
import * as vscode from 'vscode';
import { z } from 'zod';
import { symbolProvidersChanged, SymbolsRefresh } from '../symbolsRefresh';
import { DocumentEntitiesRequest, EntitiesChangedNotification, RangeSchema, type DocumentEntities } from '../../../shared/lsp';
import * as config from '../config';
import { documentSelector, type Ctx } from '../ctx';
import { EntitiesFeed } from './entitiesFeed';
import { entitiesToCsv, entitiesToJson } from './entitiesExport';
import { EntitiesModes, type EntitiesMode } from './entitiesModes';
import { EntitiesTreeProvider, REVEAL_COMMAND } from './entitiesTree';
import { createWorkspaceMode } from './workspaceMode';

export const VIEW_ID = 'samsara.entities';
/** Delay between the server's change notification and the request for the new model. */
const REFRESH_DELAY_MS = 200;

const revealArgs = z.tuple([z.string().min(1), RangeSchema]);

export interface EntitiesView {
  disposables: vscode.Disposable[];
  /** What the view lists now (after its filter), or undefined when it shows no model. */
  listed(): DocumentEntities | undefined;
}

export function registerEntitiesView(ctx: Ctx): EntitiesView {
  const feed = new EntitiesFeed({
    request: async (uri) => {
      const client = ctx.languageClient;
      // Not started yet (or restarting): the hook below refreshes once a client runs.
      if (!client?.isRunning()) return null;
      return client.sendRequest(DocumentEntitiesRequest, { uri });
    },
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
    delayMs: REFRESH_DELAY_MS,
    warn: (message) => ctx.log.warn(message),
  });
  const tree = new EntitiesTreeProvider(feed);
  const workspace = createWorkspaceMode(ctx, REVEAL_COMMAND);
  const modes = new EntitiesModes(tree, workspace.tree);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: modes, showCollapseAll: true });

  const follow = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      // Focus in a panel or a webview leaves an editor visible: keep showing its document.
      if (vscode.window.visibleTextEditors.length === 0) feed.clear('noDocument');
      return;
    }
    const document = editor.document;
    // The Output panel and other non-file editors do not replace the shown document.
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    if (vscode.languages.match(documentSelector(config.languages(ctx.log)), document) === 0) feed.clear('notAnalysed');
    else if (!config.enabled(document.uri)) feed.clear('disabled');
    else feed.show(document.uri.toString());
  };

  const updateChrome = (): void => {
    void vscode.commands.executeCommand('setContext', 'samsara.entitiesFiltered', tree.filter !== '');
    if (modes.mode === 'workspace') {
      const chrome = workspace.chrome(tree.filter);
      void vscode.commands.executeCommand('setContext', 'samsara.entitiesView', chrome.key);
      view.description = chrome.description;
      view.message = chrome.message;
      return;
    }
    const state = feed.state;
    const counts = tree.counts();
    let key: string;
    if (state.kind === 'none') key = state.reason;
    else if (state.kind === 'ready' && counts) key = counts.listed > 0 ? 'ready' : counts.total > 0 ? 'filteredEmpty' : 'empty';
    else key = state.kind;
    void vscode.commands.executeCommand('setContext', 'samsara.entitiesView', key);
    const name = state.kind === 'none' ? undefined : vscode.Uri.parse(state.uri).path.split('/').pop();
    const filter = tree.filter ? ` · filter "${tree.filter}"` : '';
    view.description = name ? `${name}${filter}` : filter.replace(/^ · /, '');
    view.message = state.kind === 'error' ? `Could not list the entities: ${state.message}` : undefined;
  };

  const setFilter = (value: string): void => {
    tree.filter = value;
    workspace.tree.filter = tree.filter;
    workspace.tree.refresh();
    updateChrome();
  };

  /** Only the shown mode's feed asks the server anything, and only while the view is visible. */
  const applyVisibility = (visible: boolean): void => {
    feed.setVisible(visible && modes.mode === 'document');
    workspace.feed.setActive(visible && modes.mode === 'workspace');
  };

  const setMode = (mode: EntitiesMode): void => {
    modes.mode = mode;
    void vscode.commands.executeCommand('setContext', 'samsara.entitiesMode', mode);
    applyVisibility(view.visible);
    updateChrome();
  };

  /** What the view lists, or undefined (with a message) when it lists nothing. */
  const listedOrSay = (): DocumentEntities | undefined => {
    const model = tree.listed();
    if (model && model.labels.length > 0) return model;
    void vscode.window.showInformationMessage('The Entities view lists no entities to export.');
    return undefined;
  };

  const unsubscribe = feed.onDidChange(updateChrome);
  const unsubscribeWorkspace = workspace.feed.onDidChange(updateChrome);
  void vscode.commands.executeCommand('setContext', 'samsara.entitiesMode', modes.mode);
  // A collapsed or closed view asks nothing of the server until it is shown.
  applyVisibility(view.visible);
  follow();
  updateChrome();

  // The one handler of samsara/entitiesChanged also keeps the Outline and breadcrumbs current.
  const symbols = new SymbolsRefresh(() => symbolProvidersChanged(vscode.languages));
  const disposables = [
    symbols,
    view,
    modes,
    tree,
    workspace,
    { dispose: unsubscribe },
    { dispose: unsubscribeWorkspace },
    { dispose: () => feed.dispose() },
    ctx.onEveryClient((client) => {
      feed.refresh();
      return [
        client.onNotification(EntitiesChangedNotification, (params) => {
          feed.changed(params.uri);
          symbols.changed(params.uri, params.version);
        }),
        ...workspace.onClient(client),
      ];
    }),
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.workspace.onDidCloseTextDocument((document) => {
      symbols.forget(document.uri.toString());
      const state = feed.state;
      if (state.kind !== 'none' && state.uri === document.uri.toString()) feed.clear('noDocument');
      follow();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('samsara.enable') || event.affectsConfiguration('samsara.languages')) follow();
    }),
    view.onDidChangeVisibility((event) => applyVisibility(event.visible)),
    vscode.commands.registerCommand('samsara.entities.showWorkspace', () => setMode('workspace')),
    vscode.commands.registerCommand('samsara.entities.showDocument', () => setMode('document')),
    vscode.commands.registerCommand(REVEAL_COMMAND, (...args: unknown[]) => reveal(args)),
    vscode.commands.registerCommand('samsara.entities.filter', async () => {
      const value = await vscode.window.showInputBox({
        title: 'Filter Entities',
        prompt: 'List the entities whose text or label contains this text (empty lists all)',
        value: tree.filter,
        placeHolder: 'e.g. Gates, or ORG',
      });
      if (value !== undefined) setFilter(value);
    }),
    vscode.commands.registerCommand('samsara.entities.clearFilter', () => setFilter('')),
    vscode.commands.registerCommand('samsara.entities.copyCsv', async () => {
      const listed = listedOrSay();
      if (!listed) return;
      await vscode.env.clipboard.writeText(entitiesToCsv(listed));
      const count = tree.counts()?.listed ?? 0;
      void vscode.window.setStatusBarMessage(`Samsara: copied ${count} entit${count === 1 ? 'y' : 'ies'} as CSV`, 3000);
    }),
    vscode.commands.registerCommand('samsara.entities.exportJson', async () => {
      const listed = listedOrSay();
      if (!listed) return;
      const target = await vscode.window.showSaveDialog({
        title: 'Export Entities as JSON',
        defaultUri: exportTarget(listed.uri),
        filters: { JSON: ['json'] },
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(entitiesToJson(listed, tree.filter), 'utf8'));
      const choice = await vscode.window.showInformationMessage(`Entities exported to ${vscode.workspace.asRelativePath(target)}`, 'Open');
      if (choice === 'Open') await vscode.window.showTextDocument(target);
    }),
  ];
  return { disposables, listed: () => tree.listed() };

  async function reveal(args: unknown[]): Promise<void> {
    const parsed = revealArgs.safeParse(args);
    if (!parsed.success) {
      ctx.log.warn(`${REVEAL_COMMAND} called with unexpected arguments: ${JSON.stringify(args)}`);
      return;
    }
    const [uri, { start, end }] = parsed.data;
    // The mention selected with the cursor at its start, as "go to" leaves it.
    const selection = new vscode.Selection(end.line, end.character, start.line, start.character);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false });
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** `notes.md` → `notes.entities.json` beside it; an untitled document's goes to the first folder. */
function exportTarget(uri: string): vscode.Uri | undefined {
  const parsed = vscode.Uri.parse(uri);
  if (parsed.scheme === 'file') return parsed.with({ path: parsed.path.replace(/(\.[^./]*)?$/, '.entities.json') });
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, 'entities.json') : undefined;
}
